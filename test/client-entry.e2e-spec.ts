import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** Loads a package entry by name, as an application would, and lists every module it loaded. */
function loadedBy(specifier: string): { exports: string[]; modules: string[] } {
  const script = `
    const entry = require(${JSON.stringify(specifier)});
    process.stdout.write(JSON.stringify({
      exports: Object.keys(entry),
      modules: Object.keys(require.cache),
    }));`;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  const parsed = JSON.parse(output) as { exports: string[]; modules: string[] };
  return { ...parsed, modules: parsed.modules.map((m) => relative(ROOT, m)) };
}

describe('the package entries (built dist/)', () => {
  it('metrics-registry/client loads the client and its rules, and no part of the server', () => {
    const { exports, modules } = loadedBy('metrics-registry/client');
    expect(exports).toEqual(
      expect.arrayContaining([
        'MetricsRegistryClient',
        'MetricsRegistryClientModule',
        'validateTarget',
        'InvalidTargetError',
      ]),
    );
    const own = modules.filter((m) => m.startsWith('dist/'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((m) => !/^dist\/(client|target|resilience)\//.test(m))).toEqual([]);
    const server =
      /node_modules\/(@nestjs\/(core|microservices|platform-express|swagger|terminus)|express|prom-client)\//;
    expect(modules.filter((m) => server.test(m))).toEqual([]);
    expect(modules.some((m) => m.includes('node_modules/kafkajs/'))).toBe(true);
  });

  it('the root entry (and metrics-registry/server) serves the registry and re-exports the client', () => {
    for (const specifier of ['metrics-registry', 'metrics-registry/server']) {
      const { exports } = loadedBy(specifier);
      expect(exports).toEqual(
        expect.arrayContaining([
          'startRegistryApp',
          'loadRegistryConfig',
          'PrometheusExporter',
          'MetricsRegistryClient',
        ]),
      );
    }
  });
});
