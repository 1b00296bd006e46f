import { Registry } from 'prom-client';
import { RegistryMetrics, registerDefaultMetrics } from './registry.metrics';

describe('RegistryMetrics', () => {
  it('shares one set of metrics between instances on the same registry', () => {
    const registry = new Registry();
    const first = new RegistryMetrics(registry);
    const second = new RegistryMetrics(registry);
    expect(second.commands).toBe(first.commands);
    expect(second.httpDuration).toBe(first.httpDuration);
  });

  it('starts the known label values of the counters at 0', async () => {
    const text = await new RegistryMetrics(new Registry()).registry.metrics();
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

  it('reads metrics_registry_targets from the last attached source at scrape time', async () => {
    const registry = new Registry();
    const metrics = new RegistryMetrics(registry);
    const targets = async () =>
      (await registry.getSingleMetric('metrics_registry_targets')!.get()).values[0].value;
    let first = 2;
    const detachFirst = metrics.countTargets(() => first);
    expect(await targets()).toBe(2);
    first = 5;
    expect(await targets()).toBe(5);

    const detachSecond = new RegistryMetrics(registry).countTargets(() => 7);
    expect(await targets()).toBe(7);
    detachSecond();
    expect(await targets()).toBe(5);
    detachFirst();
    first = 9;
    expect(await targets()).toBe(5);
  });
});

describe('registerDefaultMetrics', () => {
  it('registers the process and Node.js metrics once, without gauges named like counters', async () => {
    const registry = new Registry();
    registerDefaultMetrics(registry);
    expect(() => registerDefaultMetrics(registry)).not.toThrow();
    const text = await registry.metrics();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_active_handles gauge');
    expect(text).not.toMatch(/^# TYPE \S+_total gauge$/m);
  });
});
