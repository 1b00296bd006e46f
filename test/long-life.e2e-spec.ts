import { ConfigResourceTypes, Message } from 'kafkajs';
import { TestProducer, readAll, registerCommand, testKafka, uniqueTopics } from './support/kafka';
import { RegistryProcess } from './support/registry-process';
import {
  RunningRegistry,
  metricValue,
  servedIds,
  startTestRegistry,
  waitReady,
} from './support/registry-app';
import { waitFor } from './support/wait';

const ID = (i: number) => `life-${String(i).padStart(4, '0')}`;

interface StateValue {
  EXPIRES_AT: number | null;
  UPDATED_AT: number | null;
}

/** The last value per key in a state topic. */
async function stateValues(topic: string): Promise<Map<string, StateValue | null>> {
  const values = new Map<string, StateValue | null>();
  for (const r of await readAll(topic)) {
    values.set(r.key!.toString(), r.value ? (JSON.parse(r.value.toString()) as StateValue) : null);
  }
  return values;
}

async function sumOver(registries: RunningRegistry[], series: string): Promise<number> {
  const values = await Promise.all(registries.map((r) => metricValue(r.url, series)));
  return values.reduce((a, b) => a + b, 0);
}

describe('Leases over a long life', () => {
  const registries: RunningRegistry[] = [];
  let producer: TestProducer;

  beforeAll(() => {
    producer = new TestProducer();
  });
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await producer.close();
  });

  async function start(topics: ReturnType<typeof uniqueTopics>): Promise<RunningRegistry> {
    const registry = await startTestRegistry({ topics });
    registries.push(registry);
    await waitReady(registry.url);
    return registry;
  }

  it('stamps a lease from the command record timestamp, and never serves a register that waited past its ttl', async () => {
    const topics = uniqueTopics();
    const registry = await start(topics);
    const now = Date.now();
    const at = (id: string, timestamp: number): Message => ({
      ...registerCommand(id, { ttlSeconds: 60 }),
      timestamp: String(timestamp),
      partition: 0,
    });
    // One partition, so 'fresh' is processed after the others.
    await producer.send(topics.commands, [
      at('waited-too-long', now - 61_000),
      at('waited-a-while', now - 30_000),
      at('from-the-future', now + 10 * 60_000),
      { ...registerCommand('fresh', { ttlSeconds: 60 }), partition: 0 },
    ]);
    await waitFor('fresh to be served', async () =>
      (await servedIds(registry.url)).includes('fresh'),
    );
    expect(await servedIds(registry.url)).toEqual(['fresh', 'from-the-future', 'waited-a-while']);
    expect(
      await metricValue(
        registry.url,
        'metrics_registry_commands_total{command="register",outcome="expired"}',
      ),
    ).toBe(1);

    const state = await stateValues(topics.state);
    expect(state.has('waited-too-long')).toBe(false);
    // The lease runs from when the command was sent: ttl 60 s plus the default slack of 30 s.
    expect(state.get('waited-a-while')).toMatchObject({
      UPDATED_AT: now - 30_000,
      EXPIRES_AT: now - 30_000 + 90_000,
    });
    // A timestamp from the future counts as the time it was processed.
    const future = state.get('from-the-future')!;
    expect(future.UPDATED_AT).toBeGreaterThanOrEqual(now);
    expect(future.UPDATED_AT).toBeLessThanOrEqual(Date.now());
    expect(future.EXPIRES_AT).toBe(future.UPDATED_AT! + 90_000);
  });

  it('creates the state topic with the settings that keep start-up bounded by the live set', async () => {
    const topics = uniqueTopics();
    await start(topics);
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topics.state }],
        includeSynonyms: false,
      });
      const configs = Object.fromEntries(
        resources[0].configEntries.map((e) => [e.configName, e.configValue]),
      );
      expect(configs).toMatchObject({
        'cleanup.policy': 'compact',
        'segment.ms': '60000',
        'max.compaction.lag.ms': '60000',
        'min.cleanable.dirty.ratio': '0.1',
        'delete.retention.ms': '3600000',
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('lets a replica started after many renewals turn ready reading about one record per target', async () => {
    const topics = uniqueTopics();
    const [a, b] = await Promise.all([start(topics), start(topics)]);
    const TARGETS = 200;
    const ROUNDS = 10;
    const round = () =>
      Array.from({ length: TARGETS }, (_, i) => registerCommand(ID(i), { ttlSeconds: 600 }));
    await producer.send(topics.commands, round());
    await waitFor('the first round to be served by both replicas', async () =>
      (await Promise.all([a, b].map(async (r) => (await servedIds(r.url)).length))).every(
        (n) => n === TARGETS,
      ),
    );
    // A replica trusts its view for this once it has read the state topic since its command
    // partitions last moved; until then it writes every register. Renew one target until then.
    const coveredTotal = () => sumOver([a, b], 'metrics_registry_renewals_covered_total');
    let probes = 0;
    await waitFor(
      'a renewal to be covered by the stored lease',
      async () => {
        probes++;
        await producer.send(topics.commands, [registerCommand(ID(0), { ttlSeconds: 600 })]);
        return (await coveredTotal()) > 0;
      },
      { intervalMs: 250 },
    );
    // The renewals the applications send every ttlSeconds / 3, here back to back.
    for (let r = 1; r < ROUNDS; r++) await producer.send(topics.commands, round());
    const accepted = 'metrics_registry_commands_total{command="register",outcome="accepted"}';
    const sent = TARGETS * ROUNDS + probes;
    await waitFor(`${sent} registers accepted`, async () => {
      return (await sumOver([a, b], accepted)) === sent;
    });
    expect(await coveredTotal()).toBeGreaterThanOrEqual(TARGETS * (ROUNDS - 1));

    const c = await start(topics);
    expect(await servedIds(c.url)).toEqual(Array.from({ length: TARGETS }, (_, i) => ID(i)));
    const read = await metricValue(
      c.url,
      'metrics_registry_state_records_total{outcome="applied"}',
    );
    // Over 2,000 registers; the third replica read what was written: the first round, and the
    // probes that arrived before the replicas trusted their views.
    expect(read).toBeGreaterThanOrEqual(TARGETS);
    expect(read).toBeLessThanOrEqual(TARGETS + probes);
  });

  it('warns at startup when an existing state topic lets start-up grow with its age, and leaves it alone', async () => {
    const topics = uniqueTopics();
    const admin = testKafka().admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [
          {
            topic: topics.state,
            numPartitions: 1,
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
          },
        ],
        waitForLeaders: true,
      });
      const registry = await RegistryProcess.start({ topics, groupId: `${topics.state}.commands` });
      try {
        await registry.waitReady();
        await waitFor('the state topic warning', () => registry.output.includes('segment.ms='));
        const line = registry.output
          .split('\n')
          .find((l) => l.includes(`state topic ${topics.state}:`));
        expect(line).toContain('max.compaction.lag.ms=9223372036854775807');
        expect(line).toContain('use max.compaction.lag.ms=60000 and segment.ms=60000');
      } finally {
        await registry.stop();
      }
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topics.state }],
        includeSynonyms: false,
      });
      const segmentMs = resources[0].configEntries.find((e) => e.configName === 'segment.ms');
      expect(segmentMs?.configValue).toBe('604800000');
    } finally {
      await admin.disconnect();
    }
  });
});
