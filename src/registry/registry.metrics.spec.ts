import { Registry } from 'prom-client';
import { RegistryMetrics } from './registry.metrics';
import { ServedTargetsGauge } from './served-targets.gauge';
import { StateTopicReader } from './state-topic.reader';
import { TargetView } from './target-view';

describe('RegistryMetrics', () => {
  it('starts the known label values of the counters at 0', async () => {
    const registry = new Registry();
    new RegistryMetrics(registry);
    const text = await registry.metrics();
    for (const command of ['register', 'deregister']) {
      for (const outcome of ['accepted', 'invalid', 'failed']) {
        expect(text).toContain(
          `metrics_registry_commands_total{command="${command}",outcome="${outcome}"} 0\n`,
        );
      }
    }
    expect(text).toContain('metrics_registry_state_records_total{outcome="applied"} 0\n');
    expect(text).toContain('metrics_registry_state_records_total{outcome="invalid"} 0\n');
  });
});

describe('ServedTargetsGauge', () => {
  it('counts the live registrations at scrape time, and 0 until caught up', async () => {
    const registry = new Registry();
    const view = new TargetView();
    const reader = { caughtUp: false, leaseClock: () => 1000 };
    new ServedTargetsGauge(registry, view, reader as unknown as StateTopicReader);
    const served = async () =>
      (await registry.getSingleMetric('metrics_registry_targets')!.get()).values[0].value;
    const base = { host: 'h', port: 1, path: '/metrics', scheme: 'http' as const, labels: {} };
    view.put({ ...base, applicationUuid: 'live', expiresAt: 5000, updatedAt: 0 });
    view.put({ ...base, applicationUuid: 'gone', expiresAt: 500, updatedAt: 0 });
    expect(await served()).toBe(0);
    reader.caughtUp = true;
    expect(await served()).toBe(1);
    view.delete('live');
    expect(await served()).toBe(0);
  });
});
