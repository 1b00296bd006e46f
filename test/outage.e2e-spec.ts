import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readAll, TestProducer, testKafka, uniqueTopics } from './support/kafka';
import { OwnBroker } from './support/own-broker';
import { getTargets, RunningRegistry, startTestRegistry, waitReady } from './support/registry-app';
import { RegistryProcess } from './support/registry-process';
import { waitFor } from './support/wait';

const target = (applicationUuid: string, extra: Record<string, unknown> = {}) => ({
  applicationUuid,
  host: `${applicationUuid}.svc`,
  port: 9100,
  ...extra,
});

async function servedIds(url: string): Promise<string[]> {
  const { status, body } = await getTargets(url);
  if (status !== 200) throw new Error(`SD answered ${status}`);
  return (body as { labels: Record<string, string> }[]).map(
    (g) => g.labels.__meta_registry_application_uuid,
  );
}

async function counter(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('Registry under Kafka failures', () => {
  it('retries a failing state write with backoff, never dead-letters it, and applies it once Kafka accepts it', async () => {
    const registry = await startTestRegistry();
    const producer = new TestProducer();
    const admin = testKafka().admin();
    const { topics } = registry.config;
    const setMaxMessageBytes = (value: string) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2,
            name: topics.state,
            configEntries: [
              { name: 'cleanup.policy', value: 'compact' },
              { name: 'max.message.bytes', value },
            ],
          },
        ],
      });
    try {
      await waitReady(registry.url);
      await admin.connect();
      // The state topic now refuses every record: each write of the registry fails.
      await setMaxMessageBytes('16');
      await producer.sendJson(topics.register, 'stuck', target('stuck'));
      const retries = 'metrics_registry_write_retries_total{lane="state"}';
      await waitFor(
        'the write to fail and be retried',
        async () => (await counter(registry.url, retries)) >= 3,
        {
          timeoutMs: 30_000,
        },
      );
      expect(await servedIds(registry.url)).toEqual([]);

      await setMaxMessageBytes('1048588');
      await waitFor(
        'the retried write to land',
        async () => (await servedIds(registry.url)).includes('stuck'),
        {
          timeoutMs: 30_000,
        },
      );
      const accepted = 'metrics_registry_commands_total{command="register",outcome="accepted"}';
      // Counted once, by its final outcome; the retries apart.
      expect(await counter(registry.url, accepted)).toBe(1);
      expect(
        await counter(
          registry.url,
          'metrics_registry_commands_total{command="register",outcome="failed"}',
        ),
      ).toBe(0);
      expect(
        await counter(
          registry.url,
          'metrics_registry_commands_total{command="register",outcome="invalid"}',
        ),
      ).toBe(0);
      expect(await readAll(topics.dlq)).toEqual([]);
    } finally {
      await admin.disconnect();
      await producer.close();
      await registry.close();
    }
  });

  it('keeps serving its last view and expires nothing while Kafka is away, then catches up', async () => {
    const broker = await OwnBroker.create();
    await broker.start();
    let registry: RunningRegistry | null = null;
    const kafka = new Kafka({
      clientId: 'e2e-outage',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    let producer = new TestProducer(kafka);
    try {
      registry = await startTestRegistry({
        kafka: {
          ...new (await import('../src/config/registry.config')).RegistryConfig().kafka,
          brokers: broker.brokers,
        },
      });
      const { topics } = registry.config;
      await waitReady(registry.url);
      await producer.sendJson(topics.register, 'leased', target('leased', { ttlSeconds: 5 }));
      // An older value of 'permanent' in the log: after the outage it must not come back.
      await producer.sendJson(topics.register, 'permanent', target('permanent', { port: 1111 }));
      await producer.sendJson(topics.register, 'permanent', target('permanent'));
      await waitFor('both targets', async () => (await servedIds(registry!.url)).length === 2);
      const before = await getTargets(registry.url);
      await producer.close();

      await broker.stop();
      const outageStarted = Date.now();
      // Longer than the lease, and longer than kafkajs retries before its consumers crash and
      // restart: the leased target stays, because its renewals could be stuck too.
      while (Date.now() - outageStarted < 30_000) {
        const now = await getTargets(registry.url);
        expect(now.status).toBe(200);
        expect(now.text).toBe(before.text);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      await broker.start();
      producer = new TestProducer(kafka);
      await producer.sendJson(topics.register, 'after-outage', target('after-outage'));
      // Caught up again: the new command is served and the unrenewed lease runs out.
      const bodies = new Set<string>();
      await waitFor(
        'the view to catch up after the outage',
        async () => {
          const now = await getTargets(registry!.url);
          bodies.add(now.text);
          return (await servedIds(registry!.url)).join(',') === 'after-outage,permanent';
        },
        { timeoutMs: 90_000, intervalMs: 100 },
      );
      // Never an older value of a registration while the restarted readers read the log again.
      for (const body of bodies) expect(body).not.toContain(':1111');
      expect(await getTargets(registry.url)).toMatchObject({ status: 200 });
      expect((await fetch(`${registry.url}/health/ready`)).status).toBe(200);
      expect(
        await counter(
          registry.url,
          'metrics_registry_commands_total{command="register",outcome="invalid"}',
        ),
      ).toBe(0);
    } finally {
      await producer.close().catch(() => undefined);
      await registry?.close();
      await broker.destroy();
    }
  });

  it('reads the state topic again after going unread for longer than its tombstones last, and drops what they deleted', async () => {
    // A state topic whose cleaner removes tombstones 6 s after cleaning them (an hour on a topic
    // the registry creates), and rolls segments at once so that they can be cleaned.
    const topics = uniqueTopics();
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    const producer = new TestProducer();
    const state = (id: string) => ({
      key: id,
      value: JSON.stringify({ HOST: `${id}.svc`, PORT: 9100, LABELS: {}, EXPIRES_AT: null }),
    });
    let registry: RegistryProcess | undefined;
    try {
      await admin.createTopics({
        topics: [
          {
            topic: topics.state,
            numPartitions: 1,
            configEntries: [
              { name: 'cleanup.policy', value: 'compact' },
              { name: 'segment.ms', value: '100' },
              { name: 'min.cleanable.dirty.ratio', value: '0.01' },
              { name: 'delete.retention.ms', value: '6000' },
            ],
          },
        ],
        waitForLeaders: true,
      });
      await producer.send(topics.state, [state('stays'), state('deregistered-while-paused')]);
      registry = await RegistryProcess.start({ topics, groupId: `${topics.state}.commands` });
      await registry.waitReady();
      await waitFor('both served', async () => (await servedIds(registry!.url)).length === 2);

      // The replica is paused (a frozen node, a long stop of its process) while another replica
      // deregisters a target, and the cleaner removes the tombstone for good before it reads it.
      registry.kill('SIGSTOP');
      // A fetch it sent before it stopped is answered with this record, not with the tombstone.
      await producer.send(topics.state, [state('written-while-paused')]);
      await producer.send(topics.state, [{ key: 'deregistered-while-paused', value: null }]);
      await waitFor(
        'the tombstone to be compacted away',
        async () => {
          // Other keys written meanwhile make the log dirty, so the cleaner runs again.
          await producer.send(topics.state, [state('written-while-paused')]);
          const keys = await keysInTopic(kafka, topics.state);
          return keys.includes('stays') && !keys.includes('deregistered-while-paused');
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      registry.kill('SIGCONT');

      await waitFor(
        'the deregistered target to leave',
        async () => {
          const served = await servedIds(registry!.url);
          return served.join() === 'stays,written-while-paused';
        },
        { timeoutMs: 30_000 },
      );
      expect(registry.output).toContain('is read again from the start');
    } finally {
      registry?.kill('SIGCONT');
      await registry?.stop();
      await producer.close();
      await admin.disconnect();
    }
  });
});

/** The keys of every record a topic holds now, read from its first offset to its end. */
async function keysInTopic(kafka: Kafka, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const [{ high }] = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const last = String(Number(high) - 1);
  const consumer = kafka.consumer({ groupId: `e2e-keys-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const keys: string[] = [];
  let done = false;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        keys.push(message.key?.toString() ?? '');
        if (message.offset === last) done = true;
      },
    });
    await waitFor(`${topic} read to offset ${last}`, () => done, { timeoutMs: 15_000 });
    return keys;
  } finally {
    await consumer.disconnect();
  }
}
