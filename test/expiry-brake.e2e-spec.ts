import { registerCommand } from './support/kafka';
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
