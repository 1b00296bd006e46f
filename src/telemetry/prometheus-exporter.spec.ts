import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import {
  Counter,
  OpenMetricsContentType,
  RegistryContentType,
  Registry,
  register as globalRegistry,
} from 'prom-client';
import { PrometheusExporter } from './prometheus-exporter';

const HOST = '127.0.0.1';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request on a fresh connection unless an agent is given (Node's global agent keeps them alive). */
function get(
  port: number,
  path: string,
  method = 'GET',
  agent: Agent | false = false,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port, path, method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function counterIn(registry: Registry<RegistryContentType>, name: string): void {
  new Counter({ name, help: `${name} for the test.`, registers: [registry] }).inc(3);
}

/** Whether a plain TCP server can bind the port right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

describe('PrometheusExporter', () => {
  const started: PrometheusExporter[] = [];
  const exporter = (options: ConstructorParameters<typeof PrometheusExporter>[0]) => {
    const created = new PrometheusExporter({ host: HOST, port: 0, ...options });
    started.push(created);
    return created;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((e) => e.stop()));
  });

  it('defaults to port 8000 on 0.0.0.0 and the global registry, not running', async () => {
    const defaults = new PrometheusExporter();
    expect(defaults.port).toBe(8000);
    expect(defaults.host).toBe('0.0.0.0');
    expect(defaults.isRunning).toBe(false);
    counterIn(globalRegistry, 'exporter_spec_global_total');
    try {
      expect(await defaults.generateLatest()).toContain('exporter_spec_global_total 3');
    } finally {
      globalRegistry.removeSingleMetric('exporter_spec_global_total');
    }
  });

  it('serves the registry in the text format at /metrics once start() resolves', async () => {
    const registry = new Registry();
    counterIn(registry, 'exporter_spec_served_total');
    const served = exporter({ registry });
    await served.start();

    expect(served.isRunning).toBe(true);
    expect(served.port).toBeGreaterThan(0);
    const reply = await get(served.port, '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(registry.contentType);
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(reply.body).toBe(await served.generateLatest());
    expect(reply.body).toContain('# TYPE exporter_spec_served_total counter\n');
    expect(reply.body).toContain('\nexporter_spec_served_total 3\n');
    expect((await get(served.port, '/metrics?name[]=x')).status).toBe(200);
  });

  it("answers with the registry's own content type (OpenMetrics)", async () => {
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const served = exporter({ registry });
    await served.start();
    const reply = await get(served.port, '/metrics');
    expect(reply.headers['content-type']).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
    expect(reply.body).toContain('# EOF');
  });

  it('answers HEAD /metrics without a body, 404 elsewhere and 405 for other methods', async () => {
    const served = exporter({ registry: new Registry() });
    await served.start();
    const head = await get(served.port, '/metrics', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const path of ['/', '/metrics/', '/metricsx', '/other', '/favicon.ico']) {
      expect((await get(served.port, path)).status).toBe(404);
    }
    const post = await get(served.port, '/metrics', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('keeps exporters with separate registries apart', async () => {
    const first = new Registry();
    const second = new Registry();
    counterIn(first, 'exporter_spec_first_total');
    counterIn(second, 'exporter_spec_second_total');
    const a = exporter({ registry: first });
    const b = exporter({ registry: second });
    await Promise.all([a.start(), b.start()]);
    expect(a.port).not.toBe(b.port);

    const fromA = (await get(a.port, '/metrics')).body;
    const fromB = (await get(b.port, '/metrics')).body;
    expect(fromA).toContain('exporter_spec_first_total 3');
    expect(fromA).not.toContain('exporter_spec_second_total');
    expect(fromB).toContain('exporter_spec_second_total 3');
    expect(fromB).not.toContain('exporter_spec_first_total');
    expect(await a.generateLatest()).not.toContain('exporter_spec_second_total');
  });

  it('start() is idempotent, also when called again before it resolved', async () => {
    const served = exporter({ registry: new Registry() });
    const first = served.start();
    const second = served.start();
    expect(served.isRunning).toBe(false);
    await Promise.all([first, second]);
    const port = served.port;
    await served.start();
    expect(served.port).toBe(port);
    expect(served.isRunning).toBe(true);
    expect((await get(port, '/metrics')).status).toBe(200);
  });

  it('stop() is safe when never started and when called twice', async () => {
    const idle = exporter({ registry: new Registry() });
    await idle.stop();
    expect(idle.isRunning).toBe(false);

    const served = exporter({ registry: new Registry() });
    await served.start();
    await Promise.all([served.stop(), served.stop()]);
    await served.stop();
    expect(served.isRunning).toBe(false);
  });

  it('frees the port at once on stop(), even with a keep-alive connection open', async () => {
    const served = exporter({ registry: new Registry() });
    await served.start();
    const port = served.port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(port, '/metrics', 'GET', agent)).status).toBe(200);
      expect(agent.freeSockets).not.toEqual({});

      await served.stop();
      expect(served.isRunning).toBe(false);
      expect(await portIsFree(port)).toBe(true);
      await expect(get(port, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });

  it('start → stop → start works on the same port', async () => {
    const probe = exporter({ registry: new Registry() });
    await probe.start();
    const port = probe.port;
    await probe.stop();

    const registry = new Registry();
    counterIn(registry, 'exporter_spec_restart_total');
    const served = exporter({ port, registry });
    for (let round = 0; round < 3; round++) {
      await served.start();
      expect(served.port).toBe(port);
      expect((await get(port, '/metrics')).body).toContain('exporter_spec_restart_total 3');
      await served.stop();
      expect(served.isRunning).toBe(false);
    }
    // The port is reported as asked for while stopped.
    expect(served.port).toBe(port);
  });

  it('rejects start() with an error naming the port when it is already in use', async () => {
    const holder = exporter({ registry: new Registry() });
    await holder.start();
    const port = holder.port;

    const second = exporter({ port, registry: new Registry() });
    await expect(second.start()).rejects.toThrow(
      `PrometheusExporter: port ${port} on ${HOST} is already in use`,
    );
    expect(second.isRunning).toBe(false);

    await holder.stop();
    await second.start();
    expect(second.isRunning).toBe(true);
    expect((await get(port, '/metrics')).status).toBe(200);
  });

  it('rejects a port outside 0-65535 when constructed', () => {
    expect(() => new PrometheusExporter({ port: 70000 })).toThrow(
      'PrometheusExporter: port must be an integer from 0 to 65535, got 70000',
    );
  });
});
