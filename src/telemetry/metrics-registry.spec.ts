import { createMetricsRegistry } from './metrics-registry';

describe('createMetricsRegistry', () => {
  it('has the process and Node.js metrics, without gauges named like counters', async () => {
    const text = await createMetricsRegistry().metrics();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_active_handles gauge');
    expect(text).not.toMatch(/^# TYPE \S+_total gauge$/m);
  });

  it('gives each app a registry of its own', () => {
    const first = createMetricsRegistry();
    const second = createMetricsRegistry();
    expect(first).not.toBe(second);
    expect(first.getSingleMetric('process_cpu_user_seconds_total')).not.toBe(
      second.getSingleMetric('process_cpu_user_seconds_total'),
    );
  });
});
