import { readFileSync } from 'fs';
import { join } from 'path';
import { ENVIRONMENT_VARIABLES } from './environment';
import { renderEnvironmentTable, withEnvironmentTable } from './environment.docs';

describe('README.md table of environment variables', () => {
  it('is the one the environment table renders', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    if (withEnvironmentTable(readme) !== readme) {
      throw new Error('README.md differs from the environment table: run `npm run docs:env`');
    }
  });

  it('has a row per variable and alias, secrets marked', () => {
    const lines = renderEnvironmentTable().split('\n');
    expect(lines[0]).toBe('| variable | default | meaning | secret |');
    expect(lines).toHaveLength(2 + ENVIRONMENT_VARIABLES.length + 1);
    expect(lines).toContain(
      '| `KAFKA_BROKER` |  | alias of `KAFKA_BROKERS`, read when that is unset |  |',
    );
    expect(lines.find((line) => line.startsWith('| `SD_BEARER_TOKEN` |'))).toMatch(
      /^\| `SD_BEARER_TOKEN` \| unset \| .+ \| yes \|$/,
    );
  });

  it('replaces only the text between the markers', () => {
    const readme = 'a\n<!-- env-table:start -->\nold\n<!-- env-table:end -->\nb\n';
    expect(withEnvironmentTable(readme)).toBe(
      `a\n<!-- env-table:start -->\n${renderEnvironmentTable()}\n<!-- env-table:end -->\nb\n`,
    );
    expect(() => withEnvironmentTable('no markers')).toThrow(/env-table:start/);
  });
});
