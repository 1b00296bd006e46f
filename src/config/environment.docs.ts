/**
 * README.md's table of environment variables, rendered from the environment table.
 * `npm run docs:env` compiles this file and runs it to rewrite the table in README.md;
 * environment.docs.spec fails when README.md differs from what it would write.
 */
import { readFileSync, writeFileSync } from 'fs';
import { ENVIRONMENT_VARIABLES } from './environment';

export const TABLE_START = '<!-- env-table:start -->';
export const TABLE_END = '<!-- env-table:end -->';

const code = (text: string) => `\`${text}\``;

export function renderEnvironmentTable(): string {
  const rows = ENVIRONMENT_VARIABLES.flatMap((v) => [
    [
      code(v.name),
      v.default === undefined ? 'unset' : code(v.default),
      v.help,
      v.secret ? 'yes' : '',
    ],
    ...(v.alias === undefined
      ? []
      : [[code(v.alias), '', `alias of ${code(v.name)}, read when that is unset`, '']]),
  ]);
  return [['variable', 'default', 'meaning', 'secret'], ['---', '---', '---', '---'], ...rows]
    .map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`)
    .join('\n');
}

/** The README with the text between the markers replaced by the rendered table. */
export function withEnvironmentTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  }
  const before = readme.slice(0, start + TABLE_START.length);
  return `${before}\n${renderEnvironmentTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const readme = 'README.md';
  writeFileSync(readme, withEnvironmentTable(readFileSync(readme, 'utf8')));
}
