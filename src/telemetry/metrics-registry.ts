import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's defaults include three gauges named like counters, which `promtool check metrics`
 * rejects; the per-type gauges (nodejs_active_handles{type} ...) carry the same numbers.
 */
const GAUGES_NAMED_LIKE_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * The prom-client registry of one app instance, with the process and Node.js metrics. Each app has
 * its own (as Prometheus' Go code injects a Registerer), so several apps in one process, as in
 * the tests, never share or collide on a metric.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name);
  return registry;
}
