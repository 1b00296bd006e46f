import { Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChildProcess, spawn } from 'node:child_process';
import { MetricsRegistryClient, MetricsRegistryClientModule, Target } from '../src/client';
import type { RegistryTopics } from '../src/config/registry.config';
import { DIST } from './support/cli';
import { testBrokers } from './support/kafka';
import { RunningRegistry, getTargets, startTestRegistry, waitReady } from './support/registry-app';
import { waitFor } from './support/wait';

/** The SD group the registry serves for a target registered with the defaults. */
function group(id: string, hostPort: string, labels: Record<string, string> = {}) {
  return {
    targets: [hostPort],
    labels: {
      __metrics_path__: '/metrics',
      __scheme__: 'http',
      __meta_registry_application_uuid: id,
      ...labels,
    },
  };
}

async function servedIds(url: string): Promise<string[]> {
  const { status, body } = await getTargets(url);
  if (status !== 200 || !Array.isArray(body)) throw new Error(`SD answered ${status}`);
  return body.map(
    (g: { labels: Record<string, string> }) => g.labels.__meta_registry_application_uuid,
  );
}

async function waitServed(url: string, id: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${id} to be served`, async () => (await servedIds(url)).includes(id), {
    timeoutMs,
  });
}

async function waitGone(url: string, id: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${id} to leave`, async () => !(await servedIds(url)).includes(id), { timeoutMs });
}

/**
 * A separate node process using the built client, as an application would; it prints
 * "registered" once Kafka acknowledged the register command.
 */
function clientProcess(
  topics: RegistryTopics,
  target: Target,
  deregisterOnExit: boolean,
): { child: ChildProcess; registered: Promise<void>; exited: Promise<NodeJS.Signals | number> } {
  const script = `
    const { MetricsRegistryClient } = require(${JSON.stringify(DIST)});
    const client = new MetricsRegistryClient({
      brokers: process.env.KAFKA_BROKERS.split(','),
      topic: ${JSON.stringify(topics.commands)},
      deregisterOnExit: ${deregisterOnExit},
    });
    client.register(${JSON.stringify(target)}).then(
      () => console.log('registered'),
      (error) => { console.error(error.message); process.exit(1); },
    );`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const registered = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('registered')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
  });
  const exited = new Promise<NodeJS.Signals | number>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)),
  );
  return { child, registered, exited };
}

let registry: RunningRegistry;

beforeAll(async () => {
  registry = await startTestRegistry();
  await waitReady(registry.url);
});

afterAll(async () => {
  await registry?.close();
});

describe('MetricsRegistryClient → Kafka → registry → /prometheus/targets', () => {
  let topics: RegistryTopics;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    topics = registry.config.topics;
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function client(): MetricsRegistryClient {
    return new MetricsRegistryClient({
      brokers: testBrokers(),
      topic: topics.commands,
    });
  }

  it('registers a target that the SD endpoint serves, and withdraws it', async () => {
    const app = client();
    try {
      await app.register({
        applicationUuid: 'client-app-1',
        host: 'client-app',
        port: 9100,
        labels: { env: 'e2e' },
      });
      await waitFor('the target to be served', async () => {
        const { body } = await getTargets(registry.url);
        return (
          JSON.stringify(body) ===
          JSON.stringify([group('client-app-1', 'client-app:9100', { env: 'e2e' })])
        );
      });
      await app.deregister();
      await waitFor(
        'the target to leave',
        async () => (await getTargets(registry.url)).text === '[]',
      );
    } finally {
      await app.close();
    }
  });

  it('keeps a ttlSeconds: 5 target served past its ttl by renewing it, and withdraws it on close', async () => {
    const app = client();
    const registeredAt = Date.now();
    try {
      await app.register({
        applicationUuid: 'client-lease',
        host: 'lease',
        port: 9100,
        ttlSeconds: 5,
      });
      await waitServed(registry.url, 'client-lease');
      // Served at every look for 8 s: without renewals the lease would have run out after 5.
      let looks = 0;
      while (Date.now() - registeredAt < 8_000) {
        expect(await servedIds(registry.url)).toContain('client-lease');
        looks++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(looks).toBeGreaterThan(10);
    } finally {
      await app.close();
    }
    await waitGone(registry.url, 'client-lease');
  });

  it('lets the lease of a client process killed with SIGKILL run out', async () => {
    const { child, registered, exited } = clientProcess(
      topics,
      { applicationUuid: 'client-killed', host: 'killed', port: 9100, ttlSeconds: 5 },
      true,
    );
    children.push(child);
    await registered;
    await waitServed(registry.url, 'client-killed');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedAt = Date.now();
    await waitGone(registry.url, 'client-killed', 20_000);
    // Gone by expiry, not by a deregistration: the lease had up to 5 s left.
    expect(Date.now() - killedAt).toBeGreaterThan(1_000);
  });

  it('deregisters on SIGTERM with deregisterOnExit, then lets the process end by the signal', async () => {
    const { child, registered, exited } = clientProcess(
      topics,
      { applicationUuid: 'client-sigterm', host: 'sigterm', port: 9100 },
      true,
    );
    children.push(child);
    await registered;
    await waitServed(registry.url, 'client-sigterm');
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    // No lease: only the deregister command can remove it.
    await waitGone(registry.url, 'client-sigterm');
  });
});

describe('MetricsRegistryClientModule in a Nest application', () => {
  const target = (id: string): Target => ({
    applicationUuid: id,
    host: 'nest-app',
    port: 3000,
    labels: { framework: 'nest' },
    ttlSeconds: 30,
  });

  it('forRoot: registers on bootstrap, provides the client, withdraws on shutdown', async () => {
    const { topics } = registry.config;

    @Module({
      imports: [
        MetricsRegistryClientModule.forRoot({
          brokers: testBrokers(),
          topic: topics.commands,
          target: target('nest-app-1'),
        }),
      ],
    })
    class ApplicationModule {}

    const app = await NestFactory.createApplicationContext(ApplicationModule, { logger: false });
    try {
      expect(app.get(MetricsRegistryClient).registered).toEqual(['nest-app-1']);
      await waitFor('the Nest application to be served', async () => {
        const { body } = await getTargets(registry.url);
        return (
          JSON.stringify(body) ===
          JSON.stringify([group('nest-app-1', 'nest-app:3000', { framework: 'nest' })])
        );
      });
    } finally {
      await app.close();
    }
    await waitGone(registry.url, 'nest-app-1');
  });

  it('forRootAsync: takes its options from injected providers', async () => {
    const { topics } = registry.config;
    const SETTINGS = Symbol('SETTINGS');

    @Module({
      providers: [{ provide: SETTINGS, useValue: { id: 'nest-app-2' } }],
      exports: [SETTINGS],
    })
    class SettingsModule {}

    @Module({
      imports: [
        MetricsRegistryClientModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { id: string }) => ({
            brokers: testBrokers(),
            topic: topics.commands,
            target: target(settings.id),
          }),
        }),
      ],
    })
    class ApplicationModule {
      constructor(@Inject(MetricsRegistryClient) readonly client: MetricsRegistryClient) {}
    }

    const app = await NestFactory.createApplicationContext(ApplicationModule, { logger: false });
    try {
      expect(app.get(ApplicationModule).client.registered).toEqual(['nest-app-2']);
      await waitServed(registry.url, 'nest-app-2');
    } finally {
      await app.close();
    }
    await waitGone(registry.url, 'nest-app-2');
  });
});
