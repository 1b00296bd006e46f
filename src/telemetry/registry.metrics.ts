import { Injectable } from '@nestjs/common';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  register as globalRegistry,
} from 'prom-client';

/** Returns the metric already registered under the name, so several app instances can share a registry. */
function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

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
 * prom-client's default process and Node.js metrics, registered once per registry: several app
 * instances in one process (as in the tests) would otherwise fail with "already registered".
 */
export function registerDefaultMetrics(registry: Registry = globalRegistry): void {
  if (registry.getSingleMetric('process_cpu_user_seconds_total') !== undefined) return;
  collectDefaultMetrics({ register: registry });
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name);
}

/** Where each targets gauge reads its value at scrape time; the last attached source wins. */
const targetSources = new WeakMap<Gauge, Array<() => number>>();

/** The registry's own metrics (SPEC §3.3), updated where each event happens. */
@Injectable()
export class RegistryMetrics {
  readonly targets: Gauge;
  readonly commands: Counter<'command' | 'outcome'>;
  readonly stateRecords: Counter<'outcome'>;
  readonly leasesExpired: Counter;
  readonly ready: Gauge;
  readonly stateLag: Gauge;
  readonly sdRequests: Counter<'code'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(readonly registry: Registry = globalRegistry) {
    const registers = [registry];
    this.targets = reuse(
      registry,
      'metrics_registry_targets',
      () =>
        new Gauge({
          name: 'metrics_registry_targets',
          help: 'Registrations served now (live leases, once caught up with the state topic).',
          registers,
          collect() {
            const source = targetSources.get(this)?.at(-1);
            if (source) this.set(source());
          },
        }),
    );
    this.commands = reuse(
      registry,
      'metrics_registry_commands_total',
      () =>
        new Counter({
          name: 'metrics_registry_commands_total',
          help: 'Register and deregister commands by outcome.',
          labelNames: ['command', 'outcome'],
          registers,
        }),
    );
    this.stateRecords = reuse(
      registry,
      'metrics_registry_state_records_total',
      () =>
        new Counter({
          name: 'metrics_registry_state_records_total',
          help: 'State topic records read into the view, by outcome.',
          labelNames: ['outcome'],
          registers,
        }),
    );
    this.leasesExpired = reuse(
      registry,
      'metrics_registry_leases_expired_total',
      () =>
        new Counter({
          name: 'metrics_registry_leases_expired_total',
          help: 'Registrations whose lease ran out and whose tombstone this replica wrote.',
          registers,
        }),
    );
    this.ready = reuse(
      registry,
      'metrics_registry_ready',
      () =>
        new Gauge({
          name: 'metrics_registry_ready',
          help: '1 once the view has caught up with the state topic.',
          registers,
        }),
    );
    this.stateLag = reuse(
      registry,
      'metrics_registry_state_lag_records',
      () =>
        new Gauge({
          name: 'metrics_registry_state_lag_records',
          help: 'Records between the view and the end of the state topic.',
          registers,
        }),
    );
    this.sdRequests = reuse(
      registry,
      'metrics_registry_sd_requests_total',
      () =>
        new Counter({
          name: 'metrics_registry_sd_requests_total',
          help: 'HTTP service discovery requests by status code.',
          labelNames: ['code'],
          registers,
        }),
    );
    this.httpRequests = reuse(
      registry,
      'http_requests_total',
      () =>
        new Counter({
          name: 'http_requests_total',
          help: 'HTTP requests by method, route pattern and status.',
          labelNames: ['method', 'route', 'status'],
          registers,
        }),
    );
    this.httpDuration = reuse(
      registry,
      'http_request_duration_seconds',
      () =>
        new Histogram({
          name: 'http_request_duration_seconds',
          help: 'HTTP request duration by method and route pattern.',
          labelNames: ['method', 'route'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers,
        }),
    );
    // Known label values start at 0, so a rate() sees the first event and dashboards see the series.
    for (const command of ['register', 'deregister']) {
      for (const outcome of ['accepted', 'invalid', 'failed'])
        this.commands.inc({ command, outcome }, 0);
    }
    for (const outcome of ['applied', 'invalid']) this.stateRecords.inc({ outcome }, 0);
  }

  /**
   * Makes metrics_registry_targets read `count` at every scrape, so it follows leases running out
   * between state records. Returns the detach function (for app shutdown).
   */
  countTargets(count: () => number): () => void {
    const sources = targetSources.get(this.targets) ?? [];
    targetSources.set(this.targets, sources);
    sources.push(count);
    return () => {
      const index = sources.lastIndexOf(count);
      if (index >= 0) sources.splice(index, 1);
    };
  }
}
