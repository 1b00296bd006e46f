import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MetricsRegistryClient, MetricsRegistryClientModule } from '../src/client';
import { CliResult, kafkaEnv, runCli } from './support/cli';
import { uniqueTopics } from './support/kafka';
import { OwnBroker, ScramUser } from './support/own-broker';
import { RegistryProcess } from './support/registry-process';
import { servedIds } from './support/registry-app';
import { waitFor } from './support/wait';

/**
 * A secured Kafka as production runs it: SASL_SSL with SCRAM-SHA-512 and a private CA, and a
 * listener that requires a client certificate (mutual TLS). The registry, the TypeScript client,
 * the Nest module and the CLI each connect with certificate verification on, trusting the CA
 * only through configuration; each misconfiguration stops them with a message naming it.
 */
describe('a secured Kafka (SASL_SSL, SCRAM-SHA-512, private CA, mutual TLS)', () => {
  const USER: ScramUser = { username: 'registry-e2e', password: `pw-${randomUUID()}` };
  const topics = uniqueTopics();
  let broker: OwnBroker;
  let registry: RegistryProcess;

  /** KAFKA_* as a user of the secured listener sets them, with `overrides` (undefined: unset). */
  const securedEnv = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...kafkaEnv(broker.brokers, topics),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.tlsFile('ca.crt'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: USER.username,
      KAFKA_SASL_PASSWORD: USER.password,
      ...overrides,
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    return env;
  };
  const mtlsEnv = (overrides: NodeJS.ProcessEnv = {}) =>
    securedEnv({
      KAFKA_BROKERS: broker.mtlsBrokers.join(','),
      KAFKA_SASL_MECHANISM: undefined,
      KAFKA_SASL_USERNAME: undefined,
      KAFKA_SASL_PASSWORD: undefined,
      KAFKA_SSL_CERT_FILE: broker.tlsFile('client.crt'),
      KAFKA_SSL_KEY_FILE: broker.tlsFile('client.key'),
      ...overrides,
    });
  const cliRegister = (id: string, env: NodeJS.ProcessEnv): Promise<CliResult> =>
    runCli(
      ['register', '--uuid', id, '--host', `${id}.example`, '--port', '9100', '--timeout', '15'],
      env,
    );

  const startRegistry = async (env: NodeJS.ProcessEnv, name: string) =>
    RegistryProcess.start({
      name,
      topics,
      groupId: `e2e-secured-${randomUUID().slice(0, 8)}`,
      brokers: env.KAFKA_BROKERS!.split(','),
      env,
    });

  beforeAll(async () => {
    broker = await OwnBroker.create({ secured: USER });
    await broker.start();
    registry = await startRegistry(securedEnv(), 'secured-registry');
    await registry.waitReady();
  });

  afterAll(async () => {
    await registry?.stop();
    await broker?.destroy();
  });

  it('serves what the TypeScript client, the Nest module and the CLI register over SASL_SSL', async () => {
    const ca = readFileSync(broker.tlsFile('ca.crt'));
    const sasl = { mechanism: 'scram-sha-512' as const, ...USER };
    const client = new MetricsRegistryClient({
      brokers: broker.brokers,
      ssl: { ca },
      sasl,
      topic: topics.commands,
    });
    @Module({
      imports: [
        MetricsRegistryClientModule.forRoot({
          brokers: broker.brokers,
          ssl: { ca },
          sasl,
          topic: topics.commands,
          target: { applicationUuid: 'secured-nest', host: 'secured-nest.example', port: 3000 },
        }),
      ],
    })
    class ApplicationModule {}
    const app = await NestFactory.createApplicationContext(ApplicationModule, { logger: false });
    try {
      await client.register({
        applicationUuid: 'secured-client',
        host: 'secured-client.example',
        port: 9100,
      });
      const cli = await cliRegister('secured-cli', securedEnv());
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      const ids = await waitFor('the three registrations to be served', async () => {
        const served = await servedIds(registry.url);
        return served.length === 3 ? served : undefined;
      });
      expect(ids).toEqual(['secured-cli', 'secured-client', 'secured-nest']);
    } finally {
      await client.close({ deregister: false });
      await app.close();
    }
    // The Nest module withdrew its target at shutdown, through the same secured connection.
    await waitFor(
      'secured-nest to be withdrawn',
      async () => !(await servedIds(registry.url)).includes('secured-nest'),
    );
  });

  it('connects with a client certificate where the broker requires one (mutual TLS)', async () => {
    const mtlsRegistry = await startRegistry(mtlsEnv(), 'mtls-registry');
    try {
      await mtlsRegistry.waitReady();
      const cli = await cliRegister('mtls-cli', mtlsEnv());
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      await waitFor('mtls-cli to be served', async () =>
        (await servedIds(mtlsRegistry.url)).includes('mtls-cli'),
      );
    } finally {
      await mtlsRegistry.stop();
    }
  });

  const failures: { what: string; env: () => NodeJS.ProcessEnv; says: RegExp }[] = [
    {
      what: 'a wrong password',
      env: () => securedEnv({ KAFKA_SASL_PASSWORD: 'not-the-password' }),
      says: /Kafka rejected the SASL login \(scram-sha-512\): wrong KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD/,
    },
    {
      what: 'a wrong mechanism',
      env: () => securedEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-256' }),
      says: /Kafka does not accept the SASL mechanism KAFKA_SASL_MECHANISM=scram-sha-256/,
    },
    {
      what: 'an untrusted certificate (no KAFKA_SSL_CA_FILE)',
      env: () => securedEnv({ KAFKA_SSL_CA_FILE: undefined }),
      says: /the TLS certificate of Kafka broker 127\.0\.0\.1:\d+ is not trusted \([A-Z_]+\): set KAFKA_SSL_CA_FILE to the CA that signed it/,
    },
    {
      what: 'an untrusted certificate (another CA in KAFKA_SSL_CA_FILE)',
      // The client certificate is no CA: nothing the broker presents chains to it.
      env: () => securedEnv({ KAFKA_SSL_CA_FILE: broker.tlsFile('client.crt') }),
      says: /is not trusted \([A-Z_]+\): it is not signed by a CA in KAFKA_SSL_CA_FILE \(.*client\.crt\)/,
    },
    {
      what: 'no client certificate where one is required',
      env: () => mtlsEnv({ KAFKA_SSL_CERT_FILE: undefined, KAFKA_SSL_KEY_FILE: undefined }),
      says: /refused the client certificate \([A-Z_0-9]+\): it requires one: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE/,
    },
  ];

  it.each(failures)('stops the registry at startup on $what, saying so', async ({ env, says }) => {
    const failing = await startRegistry(env(), 'failing-registry');
    const exit = await failing.waitExit(30_000);
    expect(exit.code).toBe(1);
    expect(failing.output).toMatch(says);
    expect(failing.output).not.toContain(USER.password);
  });

  it.each(failures)('fails the CLI on $what, saying so', async ({ env, says }) => {
    const result = await cliRegister('never-registered', env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toContain(USER.password);
  });

  it('fails a client register on an untrusted certificate with the TLS error', async () => {
    const client = new MetricsRegistryClient({
      brokers: broker.brokers,
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', ...USER },
      topic: topics.commands,
      timeoutMs: 3000,
    });
    try {
      await expect(
        client.register({ applicationUuid: 'never-registered', host: 'x.example', port: 9100 }),
      ).rejects.toThrow(/within 3000 ms \(last error: .*Connection error: .*certificate/);
    } finally {
      await client.close({ deregister: false });
    }
    expect(await servedIds(registry.url)).not.toContain('never-registered');
  });
});
