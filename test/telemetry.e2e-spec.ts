import { spawnSync } from 'node:child_process';
import { MetricsPortExporter } from '../src/telemetry/metrics-port.exporter';
import { PrometheusExporter } from '../src/telemetry/prometheus-exporter';
import { startTestRegistry, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

type Labels = Record<string, string>;

interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** Parses the samples of the Prometheus text format (enough for our metrics: no exemplars). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Labels = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The value of one series, or undefined when the series is absent. */
function valueOf(samples: Sample[], name: string, labels: Labels = {}): number | undefined {
  return samples.find((s) => s.name === name && sameLabels(s.labels, labels))?.value;
}

async function scrape(url: string): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  return { text, samples: parseSamples(text) };
}

const SD_200 = { method: 'GET', route: '/prometheus/targets', status: '200' };
const registerAccepted = { command: 'register', outcome: 'accepted' };
const registerInvalid = { command: 'register', outcome: 'invalid' };
const registerFailed = { command: 'register', outcome: 'failed' };

describe('GET /metrics (SPEC §3.3)', () => {
  const fixture = useRegistry();

  it('moves each counter by exactly what a register, an invalid command and an SD request did', async () => {
    const { topics } = fixture.registry.config;
    const before = (await scrape(fixture.registry.url)).samples;
    const at = (labels: Labels, name = 'metrics_registry_commands_total') =>
      valueOf(before, name, labels) ?? 0;

    await fixture.producer.sendJson(topics.register, 'telemetry-app-1', {
      applicationUuid: 'telemetry-app-1',
      host: 'telemetry-app',
      port: 9100,
    });
    await fixture.producer.sendJson(topics.register, 'telemetry-app-2', {
      applicationUuid: 'telemetry-app-2',
      port: 9100,
    });
    // Wait on the metrics themselves: polling the SD endpoint would move the SD counters.
    await waitFor('the register to be applied and the invalid command rejected', async () => {
      const { samples } = await scrape(fixture.registry.url);
      return (
        valueOf(samples, 'metrics_registry_state_records_total', { outcome: 'applied' }) ===
          at({ outcome: 'applied' }, 'metrics_registry_state_records_total') + 1 &&
        valueOf(samples, 'metrics_registry_commands_total', registerInvalid) ===
          at(registerInvalid) + 1
      );
    });

    const sd = await fetch(`${fixture.registry.url}/prometheus/targets`);
    expect(sd.status).toBe(200);
    expect(await sd.json()).toHaveLength(1);

    const after = (await scrape(fixture.registry.url)).samples;
    const delta = (name: string, labels: Labels) =>
      (valueOf(after, name, labels) ?? NaN) - (valueOf(before, name, labels) ?? 0);
    expect(delta('metrics_registry_commands_total', registerAccepted)).toBe(1);
    expect(delta('metrics_registry_commands_total', registerInvalid)).toBe(1);
    expect(delta('metrics_registry_commands_total', registerFailed)).toBe(0);
    expect(delta('metrics_registry_state_records_total', { outcome: 'applied' })).toBe(1);
    expect(delta('metrics_registry_state_records_total', { outcome: 'invalid' })).toBe(0);
    expect(delta('metrics_registry_sd_requests_total', { code: '200' })).toBe(1);
    expect(delta('http_requests_total', SD_200)).toBe(1);
    expect(
      delta('http_request_duration_seconds_count', { method: 'GET', route: '/prometheus/targets' }),
    ).toBe(1);

    expect(valueOf(after, 'metrics_registry_targets')).toBe(1);
    expect(valueOf(after, 'metrics_registry_ready')).toBe(1);
    expect(valueOf(after, 'metrics_registry_state_lag_records')).toBe(0);
    expect(valueOf(after, 'metrics_registry_leases_expired_total')).toBe(0);
    expect(valueOf(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    await fixture.producer.sendJson(topics.deregister, 'telemetry-app-1', {
      applicationUuid: 'telemetry-app-1',
    });
    await waitFor('metrics_registry_targets to drop to 0 on deregister', async () => {
      const { samples } = await scrape(fixture.registry.url);
      return valueOf(samples, 'metrics_registry_targets') === 0;
    });
  });

  it('labels HTTP metrics with route patterns, never raw URLs', async () => {
    const before = (await scrape(fixture.registry.url)).samples;
    expect(
      (await fetch(`${fixture.registry.url}/prometheus/targets?shard=0&shards=2`)).status,
    ).toBe(200);
    expect(
      (await fetch(`${fixture.registry.url}/prometheus/targets?shard=5&shards=2`)).status,
    ).toBe(400);
    expect((await fetch(`${fixture.registry.url}/no/such/path/raw-url-7f3a?q=1`)).status).toBe(404);
    expect((await fetch(`${fixture.registry.url}/health/live`, { method: 'HEAD' })).status).toBe(
      200,
    );

    const after = (await scrape(fixture.registry.url)).samples;
    const delta = (labels: Labels) =>
      (valueOf(after, 'http_requests_total', labels) ?? NaN) -
      (valueOf(before, 'http_requests_total', labels) ?? 0);
    expect(delta(SD_200)).toBe(1);
    expect(delta({ method: 'GET', route: '/prometheus/targets', status: '400' })).toBe(1);
    expect(delta({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(delta({ method: 'HEAD', route: '/health/live', status: '200' })).toBe(1);

    const routes = new Set(
      after
        .filter((s) => s.name.startsWith('http_request'))
        .map((s) => s.labels.route)
        .filter((route) => route !== undefined),
    );
    expect(routes.has('/metrics')).toBe(true);
    for (const route of routes) {
      expect(route).toMatch(/^(unmatched|\/[A-Za-z0-9_./:-]*)$/);
      expect(route).not.toContain('raw-url-7f3a');
      expect(route).not.toContain('shard');
    }
  });

  it('passes `promtool check metrics` without a finding', async () => {
    const { text } = await scrape(fixture.registry.url);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (check.error) {
      throw new Error(
        `cannot run promtool (${check.error.message}): install Debian's prometheus package`,
      );
    }
    expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
  });
});

describe('METRICS_PORT (SPEC §3.3, §3.4)', () => {
  it('serves /metrics on the metrics port only, on HOST, and frees that port on shutdown', async () => {
    const registry = await startTestRegistry({ metricsPort: 0, host: '127.0.0.1' });
    let metricsPort: number;
    try {
      const { exporter } = registry.app.get(MetricsPortExporter);
      expect(exporter.isRunning).toBe(true);
      expect(exporter.host).toBe('127.0.0.1');
      metricsPort = exporter.port;
      expect(metricsPort).toBeGreaterThan(0);

      const onMetricsPort = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(onMetricsPort.status).toBe(200);
      expect(onMetricsPort.headers.get('content-type')).toBe(
        'text/plain; version=0.0.4; charset=utf-8',
      );
      const text = await onMetricsPort.text();
      expect(text).toContain('# TYPE metrics_registry_commands_total counter');
      expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');

      expect((await fetch(`${registry.url}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/health/live`)).status).toBe(404);
      expect((await fetch(`${registry.url}/health/live`)).status).toBe(200);
    } finally {
      await registry.close();
    }

    const reuse = new PrometheusExporter({ port: metricsPort, host: '0.0.0.0' });
    await reuse.start();
    await reuse.stop();
  });

  it('refuses to start when METRICS_PORT is taken, naming the port', async () => {
    const holder = new PrometheusExporter({ port: 0, host: '0.0.0.0' });
    await holder.start();
    try {
      await expect(startTestRegistry({ metricsPort: holder.port })).rejects.toThrow(
        `PrometheusExporter: port ${holder.port} on 0.0.0.0 is already in use`,
      );
    } finally {
      await holder.stop();
    }
  });
});
