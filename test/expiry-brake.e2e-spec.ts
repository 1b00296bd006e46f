import { registerCommand } from './support/kafka';
import { metricValue as gauge, servedIds, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

const TTL_SECONDS = 6;
const IDS = Array.from({ length: 20 }, (_, i) => `braked-${String(i).padStart(2, '0')}`);

describe('the shrink brake', () => {
  const fixture = useRegistry({
    expiryBrake: { share: 0.5, minTargets: 10, holdLimitMs: 15_000 },
    // Leases of exactly ttlSeconds, so the test knows when each one ends.
    leaseSlack: 0,
  });

  it('holds 20 leases whose renewals stop together, serves them, releases them at the hold limit', async () => {
    const { registry, producer } = fixture;
    const { topics } = registry.config;
    // Two rounds of renewals, then the applications fall silent together (as when they lose Kafka).
    for (let round = 0; round < 2; round++) {
      await producer.send(
        topics.commands,
        IDS.map((id) => registerCommand(id, { ttlSeconds: TTL_SECONDS })),
      );
      await waitFor('all 20 served', async () => (await servedIds(registry.url)).length === 20);
    }
    const lastRenewal = Date.now();

    await waitFor(
      'the brake to engage',
      async () => (await gauge(registry.url, 'metrics_registry_expiry_brake')) === 1,
      { timeoutMs: 15_000 },
    );
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
