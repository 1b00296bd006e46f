import { MetricsRegistryClient } from '../src/index';
import { kafkaEnv, runCli } from './support/cli';
import { TestProducer, readTopic, testBrokers } from './support/kafka';
import { RunningRegistry, getTargets, startTestRegistry, waitReady } from './support/registry-app';
import { waitFor } from './support/wait';

const TOKEN = 'e2e-api-token';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('REST API (REGISTRY_API_TOKEN set)', () => {
  let registry: RunningRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry({ apiToken: TOKEN });
    await waitReady(registry.url);
  });

  afterAll(async () => {
    await registry?.close();
  });

  function api(path: string, init: RequestInit = {}, token: string | null = TOKEN) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    return fetch(`${registry.url}/api/v1/targets${path}`, { ...init, headers });
  }

  it('needs the bearer token on every route', async () => {
    const cases: [string, RequestInit][] = [
      ['', { method: 'GET' }],
      ['/x', { method: 'PUT', body: JSON.stringify({ host: 'h', port: 1 }) }],
      ['/x', { method: 'DELETE' }],
    ];
    for (const [path, init] of cases) {
      for (const token of [null, 'wrong-token', `${TOKEN}x`]) {
        const res = await api(path, init, token);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics-registry"');
        expect(await res.json()).toEqual({
          statusCode: 401,
          error: 'missing or wrong bearer token',
        });
      }
    }
    expect((await getTargets(registry.url)).text).toBe('[]');
  });

  it('PUT registers a target that the SD endpoint serves, GET lists it, DELETE withdraws it', async () => {
    const before = Date.now();
    const put = await api('/rest-app-b', {
      method: 'PUT',
      body: JSON.stringify({
        host: 'rest-app',
        port: '9100',
        labels: { env: 'e2e' },
        ttlSeconds: 60,
      }),
    });
    expect(put.status).toBe(200);
    const stored = (await put.json()) as { updatedAt: string; expiresAt: string };
    expect(stored).toEqual({
      applicationUuid: 'rest-app-b',
      host: 'rest-app',
      port: 9100,
      path: '/metrics',
      scheme: 'http',
      labels: { env: 'e2e' },
      expiresAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const updatedAt = Date.parse(stored.updatedAt);
    expect(updatedAt).toBeGreaterThanOrEqual(before);
    // ttlSeconds × (1 + REGISTRY_LEASE_SLACK), 0.5 by default.
    expect(Date.parse(stored.expiresAt) - updatedAt).toBe(90_000);

    const other = await api('/rest-app-a', {
      method: 'PUT',
      body: JSON.stringify({ host: '2001:db8::1', port: 9101, path: '/m', scheme: 'https' }),
    });
    expect(other.status).toBe(200);

    const served = await waitFor('both targets to be served', async () => {
      const { body } = await getTargets(registry.url);
      return Array.isArray(body) && body.length === 2 ? body : undefined;
    });
    expect(served).toEqual([
      {
        targets: ['[2001:db8::1]:9101'],
        labels: {
          __metrics_path__: '/m',
          __scheme__: 'https',
          __meta_registry_application_uuid: 'rest-app-a',
        },
      },
      {
        targets: ['rest-app:9100'],
        labels: {
          __metrics_path__: '/metrics',
          __scheme__: 'http',
          __meta_registry_application_uuid: 'rest-app-b',
          env: 'e2e',
        },
      },
    ]);

    const list = await api('');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    const items = await list.json();
    expect(items).toEqual([
      {
        applicationUuid: 'rest-app-a',
        host: '2001:db8::1',
        port: 9101,
        path: '/m',
        scheme: 'https',
        labels: {},
        expiresAt: null,
        updatedAt: expect.stringMatching(ISO),
      },
      stored,
    ]);

    expect((await api('/rest-app-b', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/rest-app-a', { method: 'DELETE' })).status).toBe(204);
    const unknown = await api('/never-registered', { method: 'DELETE' });
    expect(unknown.status).toBe(204);
    expect(await unknown.text()).toBe('');
    await waitFor(
      'the targets to leave',
      async () => (await getTargets(registry.url)).text === '[]',
    );
    expect(await (await api('')).json()).toEqual([]);
  });

  it('answers 400 naming the field for a body or an applicationUuid that breaks a rule', async () => {
    const cases: [string, unknown, string][] = [
      ['/x', { host: 'h', port: 70000 }, 'port: must be an integer from 1 to 65535'],
      [
        '/x',
        { host: 'h', port: 1, ttlSeconds: 1 },
        'ttlSeconds: must be an integer from 5 to 86400',
      ],
      ['/x', { host: 'h', port: 1, colour: 'red' }, 'colour: is not a known field'],
      ['/x', { applicationUuid: 'x', host: 'h', port: 1 }, 'applicationUuid: is not a known field'],
      [
        '/-x',
        { host: 'h', port: 1 },
        'applicationUuid: must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$',
      ],
      ['/x', [], 'body: must be a JSON object (Content-Type: application/json)'],
    ];
    for (const [path, body, error] of cases) {
      const res = await api(path, { method: 'PUT', body: JSON.stringify(body) });
      expect({ path, status: res.status, body: await res.json() }).toEqual({
        path,
        status: 400,
        body: { statusCode: 400, error },
      });
    }
    const del = await api('/-x', { method: 'DELETE' });
    expect(del.status).toBe(400);
    expect(await del.json()).toEqual({
      statusCode: 400,
      error: 'applicationUuid: must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$',
    });
    expect((await getTargets(registry.url)).text).toBe('[]');
  });

  it('describes itself in OpenAPI at /api/docs', async () => {
    const ui = await fetch(`${registry.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document walked by key
    const doc: any = await (await fetch(`${registry.url}/api/docs-json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/targets',
      '/api/v1/targets/{applicationUuid}',
    ]);
    const item = doc.paths['/api/v1/targets/{applicationUuid}'];
    expect(Object.keys(item).sort()).toEqual(['delete', 'put']);
    expect(Object.keys(item.put.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '503',
    ]);
    expect(Object.keys(doc.components.schemas.TargetBody.properties).sort()).toEqual([
      'host',
      'labels',
      'path',
      'port',
      'scheme',
      'ttlSeconds',
    ]);
    expect(doc.components.schemas.TargetBody.required).toEqual(['host', 'port']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  describe('a target breaking a rule gets the same "field: reason" through every path', () => {
    const cases = [
      {
        target: { host: 'shdr-gateway', port: 70000 },
        cli: ['--host', 'shdr-gateway', '--port', '70000'],
        error: 'port: must be an integer from 1 to 65535',
      },
      {
        target: { host: 'shdr-gateway', port: 4000, labels: { __secret: '1' } },
        cli: ['--host', 'shdr-gateway', '--port', '4000', '--label', '__secret=1'],
        error:
          'labels: name "__secret" must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and not start with "__"',
      },
    ];

    it('client, CLI, REST API and the Kafka command (DLQ x-error) agree', async () => {
      const { topics } = registry.config;
      const client = new MetricsRegistryClient({
        brokers: testBrokers(),
        topic: topics.commands,
      });
      const producer = new TestProducer();
      try {
        for (const [i, { target, cli, error }] of cases.entries()) {
          const applicationUuid = `bad-${i}`;
          await expect(client.register({ applicationUuid, ...target })).rejects.toThrow(error);

          const run = await runCli(
            ['register', '--uuid', applicationUuid, ...cli],
            kafkaEnv(testBrokers(), topics),
          );
          expect(run).toMatchObject({ code: 2, stderr: `metrics-registry register: ${error}\n` });

          const res = await fetch(`${registry.url}/api/v1/targets/${applicationUuid}`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify(target),
          });
          expect(res.status).toBe(400);
          expect(await res.json()).toEqual({ statusCode: 400, error });

          await producer.sendJson(topics.register, applicationUuid, { applicationUuid, ...target });
        }
        const dead = await readTopic(topics.dlq, cases.length);
        expect(dead.map((r) => [r.key?.toString(), r.headers['x-error']])).toEqual(
          cases.map(({ error }, i) => [`bad-${i}`, error]),
        );
        expect((await getTargets(registry.url)).text).toBe('[]');
      } finally {
        await producer.close();
        await client.close();
      }
    });
  });
});

describe('the REST API without REGISTRY_API_TOKEN', () => {
  it('does not exist', async () => {
    const registry = await startTestRegistry();
    try {
      for (const path of ['/api/v1/targets', '/api/docs', '/api/docs-json']) {
        expect((await fetch(`${registry.url}${path}`)).status).toBe(404);
      }
    } finally {
      await registry.close();
    }
  });
});
