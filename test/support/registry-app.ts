import { INestApplication } from '@nestjs/common';
import { startRegistryApp } from '../../src/app.factory';
import { RegistryConfig, RegistryTopics } from '../../src/config/registry.config';
import { TestProducer, testBrokers, uniqueTopics } from './kafka';
import type { RegistryProcess } from './registry-process';
import { waitFor } from './wait';

export interface RunningRegistry {
  app: INestApplication;
  url: string;
  config: RegistryConfig;
  close(): Promise<void>;
}

/** Starts the real registry in this process, on a free port, against the test broker. */
export async function startTestRegistry(
  overrides: Partial<RegistryConfig> & { topics?: RegistryTopics } = {},
): Promise<RunningRegistry> {
  const topics = overrides.topics ?? uniqueTopics();
  const config = new RegistryConfig().with({
    port: 0,
    logLevel: 'error',
    leaseSweepIntervalMs: 250,
    ...overrides,
    kafka: {
      ...new RegistryConfig().kafka,
      brokers: testBrokers(),
      groupId: `${topics.state}.commands`,
      ...overrides.kafka,
    },
    topics,
  });
  const app = await startRegistryApp(config);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, url, config, close: () => app.close() };
}

/** Waits until the registry answers 200 on /health/ready. */
export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${url} to be ready`,
    async () => (await fetch(`${url}/health/ready`)).status === 200,
    {
      timeoutMs,
    },
  );
}

export async function getTargets(
  url: string,
  query = '',
): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${url}/prometheus/targets${query}`);
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

export interface RegistryFixture {
  registry: RunningRegistry;
  producer: TestProducer;
}

/**
 * Starts one registry (and a producer to send it commands) for the enclosing describe block,
 * ready before its first test, closed after its last.
 */
export function useRegistry(
  overrides: Parameters<typeof startTestRegistry>[0] = {},
): RegistryFixture {
  const fixture = {} as RegistryFixture;
  beforeAll(async () => {
    fixture.registry = await startTestRegistry(overrides);
    fixture.producer = new TestProducer();
    await waitReady(fixture.registry.url);
  });
  afterAll(async () => {
    await fixture.producer?.close();
    await fixture.registry?.close();
  });
  return fixture;
}

export interface RegistryProcessesFixture {
  /** The registry processes a test started: each is stopped after the test. */
  processes: RegistryProcess[];
  producer: TestProducer;
}

/** For specs that run the registry as processes (RegistryProcess): the twin of useRegistry. */
export function useRegistryProcesses(): RegistryProcessesFixture {
  const fixture = { processes: [] as RegistryProcess[] } as RegistryProcessesFixture;
  beforeAll(() => {
    fixture.producer = new TestProducer();
  });
  afterEach(async () => {
    await Promise.all(fixture.processes.splice(0).map((p) => p.stop()));
  });
  afterAll(async () => {
    await fixture.producer?.close();
  });
  return fixture;
}

/** The applicationUuids the SD endpoint serves now, in its order; throws unless it answers 200. */
export async function servedIds(url: string): Promise<string[]> {
  const { status, body } = await getTargets(url);
  if (status !== 200) throw new Error(`SD answered ${status}`);
  return (body as { labels: Record<string, string> }[]).map(
    (g) => g.labels.__meta_registry_application_uuid,
  );
}

/** One sample of the registry's /metrics (exact series, labels included), NaN when absent. */
export async function metricValue(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
