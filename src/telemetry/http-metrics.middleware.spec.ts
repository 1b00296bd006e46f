import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { HttpMetrics } from './http.metrics';

/** A real express app on 127.0.0.1 with a parameterized route and a mounted router. */
async function serve(metrics: HttpMetrics): Promise<{ url: string; server: Server }> {
  const app = express();
  const middleware = new HttpMetricsMiddleware(metrics);
  app.use((req, res, next) => middleware.use(req, res, next));
  app.get('/items/:id', (req, res) => {
    res.status(req.params.id === 'missing' ? 404 : 200).send('ok');
  });
  const api = express.Router();
  api.put('/targets/:applicationUuid', (_req, res) => {
    res.status(400).json({ error: 'port: required' });
  });
  app.use('/api/v1', api);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function series(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric(name)!.get();
  const out: Record<string, number> = {};
  for (const { labels, value, metricName } of metric.values as Array<
    (typeof metric.values)[number] & { metricName?: string }
  >) {
    const key = [metricName ?? name, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)].join(
      ' ',
    );
    out[key] = value;
  }
  return out;
}

describe('HttpMetricsMiddleware', () => {
  let registry: Registry;
  let url: string;
  let server: Server;

  beforeEach(async () => {
    registry = new Registry();
    ({ url, server } = await serve(new HttpMetrics(registry)));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('labels requests with the route pattern and the status, never the raw URL', async () => {
    await fetch(`${url}/items/a1?x=1`);
    await fetch(`${url}/items/b2`);
    await fetch(`${url}/items/missing`);
    await fetch(`${url}/api/v1/targets/shdr-gateway-1`, { method: 'PUT' });
    await fetch(`${url}/no/such/path/c3?y=2`);
    await fetch(`${url}/another-unknown`, { method: 'DELETE' });

    expect(await series(registry, 'http_requests_total')).toEqual({
      'http_requests_total method=GET route=/items/:id status=200': 2,
      'http_requests_total method=GET route=/items/:id status=404': 1,
      'http_requests_total method=PUT route=/api/v1/targets/:applicationUuid status=400': 1,
      'http_requests_total method=GET route=unmatched status=404': 1,
      'http_requests_total method=DELETE route=unmatched status=404': 1,
    });
  });

  it('times each request once in http_request_duration_seconds by method and route', async () => {
    await fetch(`${url}/items/a1`);
    await fetch(`${url}/items/missing`);
    await fetch(`${url}/nowhere`);

    const durations = await series(registry, 'http_request_duration_seconds');
    expect(durations['http_request_duration_seconds_count method=GET route=/items/:id']).toBe(2);
    expect(durations['http_request_duration_seconds_count method=GET route=unmatched']).toBe(1);
    const sum = durations['http_request_duration_seconds_sum method=GET route=/items/:id'];
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(5);
    expect(Object.keys(durations).some((key) => key.includes('status='))).toBe(false);
  });
});
