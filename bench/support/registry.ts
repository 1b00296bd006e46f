import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryProcess } from '../../test/support/registry-process';
import type { BenchTopics } from './kafka-fixtures';
import { REGISTRY_MAIN, benchScript } from './paths';
import { LOG_DIR, waitFor } from './processes';

/** The registry as the benchmark measures it: GC on demand, info logs in logs/<name>.log. */
export function startRegistry(
  name: string,
  brokers: string[],
  topics: BenchTopics,
  nodeArgs: string[] = [],
  groupId = `bench-${randomUUID().slice(0, 8)}`,
): Promise<RegistryProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  return RegistryProcess.start({
    name,
    brokers,
    topics,
    groupId,
    nodeArgs: ['-r', benchScript('gc-on-signal'), ...nodeArgs],
    main: REGISTRY_MAIN,
    env: { LOG_LEVEL: 'info' },
    logFile: join(LOG_DIR, `${name}.log`),
  });
}

/** Every sample of the process's /metrics, by series (labels included, as printed). */
export async function seriesSamples(registry: RegistryProcess): Promise<Map<string, number>> {
  const text = await (await fetch(`${registry.url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** Unlabelled samples of the process's /metrics, by name. */
export async function metricSamples(registry: RegistryProcess): Promise<Map<string, number>> {
  const res = await fetch(`${registry.url}/metrics`);
  const text = await res.text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) ([-+0-9.eE]+|NaN)$/.exec(line);
    if (match) values.set(match[1], Number(match[2]));
  }
  return values;
}

/** Asks the process for a full GC (see gc-on-signal.ts) and waits until it is done. */
export async function collectGarbage(registry: RegistryProcess): Promise<void> {
  const from = registry.output.length;
  registry.kill('SIGUSR2');
  await waitFor(
    `${registry.name} gc`,
    () => registry.output.indexOf('[bench] gc done', from) !== -1,
    { timeoutMs: 10_000, intervalMs: 10 },
  );
}
