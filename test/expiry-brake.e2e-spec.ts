import { TestProducer, createTopics, registerCommand, uniqueTopics } from './support/kafka';
import {
  RegistryFixture,
  RunningRegistry,
  getTargets,
  metricValue as gauge,
  servedIds,
  startTestRegistry,
  useRegistry,
} from './support/registry-app';
import { waitFor } from './support/wait';

const TTL_SECONDS = 6;
const IDS = Array.from({ length: 20 }, (_, i) => `braked-${String(i).padStart(2, '0')}`);

/**
 * Registers `ids` with leases of TTL_SECONDS, `rounds` times, then lets them fall silent
 * together (as applications that lose Kafka do) until the brake engages; returns when the last
 * renewal was served.
 */
async function fallSilentUntilBraked(
  { registry, producer }: RegistryFixture,
  ids: string[],
  rounds: number,
): Promise<number> {
  for (let round = 0; round < rounds; round++) {
    await producer.send(
      registry.config.topics.commands,
      ids.map((id) => registerCommand(id, { ttlSeconds: TTL_SECONDS })),
    );
    await waitFor(
      `all ${ids.length} served`,
      async () => (await servedIds(registry.url)).length === ids.length,
    );
  }
  const lastRenewal = Date.now();
  await waitFor(
    'the brake to engage',
    async () => (await gauge(registry.url, 'metrics_registry_expiry_brake')) === 1,
    { timeoutMs: 15_000 },
  );
  return lastRenewal;
}

describe('the shrink brake', () => {
  const fixture = useRegistry({
    expiryBrake: { share: 0.5, minTargets: 10, holdLimitMs: 15_000 },
    // Leases of exactly ttlSeconds, so the test knows when each one ends.
    leaseSlack: 0,
  });

  it('holds 20 leases whose renewals stop together, serves them, releases them at the hold limit', async () => {
    const { registry, producer } = fixture;
    const { topics } = registry.config;
    const lastRenewal = await fallSilentUntilBraked(fixture, IDS, 2);
    // Past every lease's end, all 20 stay served while braked, and the metric says they are held.
    while (Date.now() < lastRenewal + (TTL_SECONDS + 2) * 1000) {
      expect(await servedIds(registry.url)).toEqual(IDS);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await gauge(registry.url, 'metrics_registry_expiry_brake_held_targets')).toBe(20);

    // An explicit deregister is never braked.
    await producer.sendJson(topics.commands, IDS[0], {
      op: 'deregister',
      applicationUuid: IDS[0],
    });
    await waitFor(
      'the deregistered target to leave at once',
      async () => !(await servedIds(registry.url)).includes(IDS[0]),
    );
    expect(await gauge(registry.url, 'metrics_registry_expiry_brake')).toBe(1);

    // The hold limit passes: the leases run out after all, and Prometheus sees them gone.
    await waitFor(
      'the held leases to run out at the hold limit',
      async () => (await servedIds(registry.url)).length === 0,
      { timeoutMs: 30_000 },
    );
    expect(await gauge(registry.url, 'metrics_registry_expiry_brake')).toBe(0);
    expect(await gauge(registry.url, 'metrics_registry_leases_expired_total')).toBe(19);
  });
});

describe('the shrink brake, on a replica started during a hold', () => {
  const brake = { share: 0.5, minTargets: 10, holdLimitMs: 60_000 };
  const fixture = useRegistry({ expiryBrake: brake, leaseSlack: 0 });
  const ids = IDS.slice(0, 12);

  it('holds the same targets from its first answer, and writes none of their tombstones', async () => {
    const { registry } = fixture;
    const lastRenewal = await fallSilentUntilBraked(fixture, ids, 1);
    // Past every lease's end: only the brake keeps them served.
    await waitFor(
      'every lease to have run out',
      async () =>
        Date.now() > lastRenewal + (TTL_SECONDS + 1) * 1000 &&
        (await gauge(registry.url, 'metrics_registry_expiry_brake_held_targets')) === 12,
      { timeoutMs: 15_000 },
    );

    let late: RunningRegistry | undefined;
    try {
      late = await startTestRegistry({
        topics: registry.config.topics,
        expiryBrake: brake,
        leaseSlack: 0,
      });
      // Its first answer other than 503 already serves them all.
      const first = await waitFor('the late replica to answer', async () => {
        const answer = await getTargets(late!.url);
        return answer.status === 200 ? answer : undefined;
      });
      const servedFirst = (first.body as { labels: Record<string, string> }[]).map(
        (g) => g.labels.__meta_registry_application_uuid,
      );
      expect(servedFirst).toEqual(ids);
      expect(await gauge(late.url, 'metrics_registry_expiry_brake')).toBe(1);
      // For a while longer, with sweeps every 250 ms: both replicas serve all 12, and neither
      // wrote a tombstone.
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        expect(await servedIds(late.url)).toEqual(ids);
        expect(await servedIds(registry.url)).toEqual(ids);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await gauge(late.url, 'metrics_registry_leases_expired_total')).toBe(0);
      expect(await gauge(registry.url, 'metrics_registry_leases_expired_total')).toBe(0);
    } finally {
      await late?.close();
    }
  });
});

describe('the shrink brake, on a replica started during a hold that began before it', () => {
  const LEASE_MS = 60_000;
  /**
   * Fresh topics whose state topic holds 12 registrations that stopped renewing together,
   * 100 s ago (as the running replicas, since gone, left them): each lease ran out 40 s ago,
   * and more than half of them (the 7th) became overdue `60 s - 600 ms` ago.
   */
  async function silentFor100s(): Promise<{
    topics: ReturnType<typeof uniqueTopics>;
    ids: string[];
  }> {
    const topics = uniqueTopics();
    const ids = IDS.slice(0, 12);
    await createTopics([topics.state], 1);
    const producer = new TestProducer();
    try {
      const stoppedAt = Date.now() - 100_000;
      await producer.send(
        topics.state,
        ids.map((id, i) => ({
          key: id,
          value: JSON.stringify({
            HOST: `${id}.svc`,
            PORT: 9100,
            PATH: '/metrics',
            SCHEME: 'http',
            LABELS: {},
            UPDATED_AT: stoppedAt + i * 100,
            EXPIRES_AT: stoppedAt + i * 100 + LEASE_MS,
          }),
        })),
      );
    } finally {
      await producer.close();
    }
    return { topics, ids };
  }

  /** The applicationUuids of the replica's first SD answer other than 503. */
  async function firstServed(url: string): Promise<string[]> {
    const first = await waitFor('the replica to answer', async () => {
      const answer = await getTargets(url);
      return answer.status === 200 ? answer : undefined;
    });
    return (first.body as { labels: Record<string, string> }[]).map(
      (g) => g.labels.__meta_registry_application_uuid,
    );
  }

  it('counts the hold limit from when the leases became overdue, not from its own start', async () => {
    const { topics, ids } = await silentFor100s();
    // 75 s from 59.4 s ago: about 15 s of the hold are left. A hold counted from this replica's
    // start would last 75 s more.
    const brake = { share: 0.5, minTargets: 10, holdLimitMs: 75_000 };
    const replica = await startTestRegistry({ topics, expiryBrake: brake, leaseSlack: 0 });
    try {
      expect(await firstServed(replica.url)).toEqual(ids);
      expect(await gauge(replica.url, 'metrics_registry_expiry_brake')).toBe(1);
      await waitFor(
        'the hold to end at the limit the others counted',
        async () => (await servedIds(replica.url)).length === 0,
        { timeoutMs: 40_000 },
      );
      expect(await gauge(replica.url, 'metrics_registry_expiry_brake')).toBe(0);
      await waitFor(
        'the 12 tombstones',
        async () => (await gauge(replica.url, 'metrics_registry_leases_expired_total')) === 12,
      );
    } finally {
      await replica.close();
    }
  });

  it('does not hold at all once the hold limit has passed since, and expires the leases', async () => {
    const { topics } = await silentFor100s();
    const brake = { share: 0.5, minTargets: 10, holdLimitMs: 45_000 };
    const replica = await startTestRegistry({ topics, expiryBrake: brake, leaseSlack: 0 });
    try {
      expect(await firstServed(replica.url)).toEqual([]);
      expect(await gauge(replica.url, 'metrics_registry_expiry_brake')).toBe(0);
      await waitFor(
        'the 12 tombstones',
        async () => (await gauge(replica.url, 'metrics_registry_leases_expired_total')) === 12,
      );
    } finally {
      await replica.close();
    }
  });
});
