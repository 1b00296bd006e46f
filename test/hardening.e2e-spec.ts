import { readTopic } from './support/kafka';
import { getTargets, startTestRegistry, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

/** What a hostile client tried against the registry (issue #16), each answered on purpose. */
const TOKEN = 'e2e-hardening-token';

const deep = '['.repeat(20_000) + ']'.repeat(20_000);
const target = (applicationUuid: string) => ({ applicationUuid, host: 'app.svc', port: 9100 });

/** Hostile commands: the value as raw bytes, the reason naming the field (DLQ x-error and REST 400). */
const HOSTILE: { id: string; value: Buffer; error: string }[] = [
  {
    id: 'proto-label',
    value: Buffer.from(
      '{"applicationUuid":"proto-label","host":"app.svc","port":9100,"labels":{"__proto__":"x"}}',
    ),
    error: 'labels: name "__proto__" must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and not start with "__"',
  },
  {
    id: 'deep-labels',
    value: Buffer.from(
      `{"applicationUuid":"deep-labels","host":"app.svc","port":9100,"labels":{"a":${deep}}}`,
    ),
    error: 'labels: is nested more than 8 levels deep',
  },
  {
    id: 'deep-host',
    value: Buffer.from(`{"applicationUuid":"deep-host","host":${deep},"port":9100}`),
    error: 'host: is nested more than 8 levels deep',
  },
  {
    id: 'bad-utf8',
    value: Buffer.concat([
      Buffer.from('{"applicationUuid":"bad-utf8","host":"app.svc","port":9100,"labels":{"env":"pr'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('d"}}'),
    ]),
    error: 'labels: value of "env" is not valid UTF-8',
  },
  {
    id: 'not-an-address',
    value: Buffer.from('{"applicationUuid":"not-an-address","host":"999.999.999.999","port":1}'),
    error:
      'host: is made of numbers but is not a dotted-decimal IPv4 address (a.b.c.d, each 0-255, no leading zeros)',
  },
];

/** The same value as a REST body: the applicationUuid is in the URL. */
function restBody(value: Buffer, id: string): Buffer {
  return Buffer.from(value.toString('latin1').replace(`"applicationUuid":"${id}",`, ''), 'latin1');
}

describe('hostile commands and bodies', () => {
  const fixture = useRegistry({ apiToken: TOKEN });

  const put = (id: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(`${fixture.registry.url}/api/v1/targets/${id}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...headers,
      },
      body,
    });

  it('keeps the label "constructor" (valid in Prometheus) through Kafka and REST', async () => {
    const { topics } = fixture.registry.config;
    const labels = { constructor: 'c', toString: 't', env: 'prod' };
    await fixture.producer.sendJson(topics.register, 'ctor-kafka', {
      ...target('ctor-kafka'),
      labels,
    });
    const res = await put('ctor-rest', JSON.stringify({ host: 'app.svc', port: 9100, labels }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { labels: unknown }).labels).toEqual(labels);
    const groups = await waitFor('both to be served', async () => {
      const { body } = await getTargets(fixture.registry.url);
      const list = body as { labels: Record<string, string> }[];
      return list.length === 2 ? list : undefined;
    });
    for (const group of groups) expect(group.labels).toMatchObject(labels);
  });

  it('dead-letters each hostile command with a reason naming the field, and REST answers 400', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.send(
      topics.register,
      HOSTILE.map(({ id, value }) => ({ key: id, value })),
    );
    const dead = await readTopic(topics.dlq, HOSTILE.length);
    expect(dead.map((r) => [r.key?.toString(), r.headers['x-error']]).sort()).toEqual(
      HOSTILE.map(({ id, error }) => [id, error]).sort(),
    );
    for (const { id, value, error } of HOSTILE) {
      const res = await put(id, restBody(value, id));
      expect({ id, status: res.status, body: await res.json() }).toEqual({
        id,
        status: 400,
        body: { statusCode: 400, error },
      });
    }
    const ids = (
      ((await getTargets(fixture.registry.url)).body as { labels: Record<string, string> }[]) ?? []
    ).map((g) => g.labels.__meta_registry_application_uuid);
    expect(ids.filter((id) => HOSTILE.some((h) => h.id === id))).toEqual([]);
  });

  it('dead-letters a command keyed other than by its applicationUuid, and takes one with no key', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.send(topics.register, [
      { key: 'someone-else', value: JSON.stringify(target('wrong-key')) },
      { key: null, value: JSON.stringify(target('no-key')) },
    ]);
    await waitFor('the command without a key to be served', async () => {
      const { body } = await getTargets(fixture.registry.url);
      return (body as { labels: Record<string, string> }[]).some(
        (g) => g.labels.__meta_registry_application_uuid === 'no-key',
      );
    });
    const dead = await waitFor('the dead letter', async () =>
      (await readTopic(topics.dlq, 1)).find((r) => r.key?.toString() === 'someone-else'),
    );
    expect(dead.headers['x-error']).toBe('key: must be the applicationUuid (or absent)');
  });

  it.each([
    ['malformed JSON', '{"host":', {}, 400, 'body: is not valid JSON'],
    [
      'a body over 64 KiB',
      JSON.stringify({ host: 'a', port: 1, pad: 'x'.repeat(65_536) }),
      {},
      413,
      'body: is over the 65536-byte limit',
    ],
    [
      'another charset',
      '{}',
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'body: must be JSON in UTF-8',
    ],
    [
      'a compressed body',
      '{}',
      { 'content-encoding': 'gzip' },
      415,
      'body: must not be compressed (Content-Encoding)',
    ],
    [
      'a JSON string',
      '"x"',
      {},
      400,
      'body: must be a JSON object (Content-Type: application/json)',
    ],
    [
      'another content type',
      '{"host":"a","port":1}',
      { 'content-type': 'text/plain' },
      400,
      'body: must be a JSON object (Content-Type: application/json)',
    ],
  ])('answers %s in the REST error shape', async (_, body, headers, statusCode, error) => {
    const res = await put('shape', body, headers);
    expect(res.status).toBe(statusCode);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ statusCode, error });
  });

  it('never says what it is built with, nor shows a stack', async () => {
    const { url } = fixture.registry;
    const answers = await Promise.all([
      fetch(`${url}/prometheus/targets`),
      fetch(`${url}/health/live`),
      fetch(`${url}/no/such/path`),
      fetch(`${url}/api/v1/targets`),
      put('x', '{"host":'),
      put('x', 'x'.repeat(70_000)),
      fetch(`${url}/prometheus/targets`, { method: 'POST' }),
    ]);
    for (const res of answers) {
      expect(res.headers.get('x-powered-by')).toBeNull();
      const text = await res.text();
      expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|express|nestjs|<html/i);
    }
  });
});

describe('the SD endpoint, asked the unexpected', () => {
  const fixture = useRegistry();

  const sd = (path: string, init: RequestInit = {}) =>
    fetch(`${fixture.registry.url}${path}`, init);

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405 and Allow: GET, HEAD',
    async (method) => {
      const res = await sd('/prometheus/targets', { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.json()).toEqual({
        statusCode: 405,
        error: 'method not allowed: the SD endpoint answers GET and HEAD',
      });
    },
  );

  it('answers HEAD like GET, without the body', async () => {
    const get = await sd('/prometheus/targets');
    const head = await sd('/prometheus/targets', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it.each(['/PROMETHEUS/TARGETS', '/Prometheus/targets', '/prometheus/targets/'])(
    'serves no other spelling of the path: %s is 404',
    async (path) => {
      expect((await sd(path)).status).toBe(404);
    },
  );

  it.each([
    ['?shard=0&shard=1&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=0&shards=2&shards=2', 'shards: must be an integer from 1 to 1024'],
    ['?shard=99999999999999999999&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=0&shards=99999999999999999999', 'shards: must be an integer from 1 to 1024'],
    [`?shard=0&shards=${'9'.repeat(4000)}`, 'shards: must be an integer from 1 to 1024'],
    ['?shard[]=0&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard[a]=0&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=%00&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=0x1&shards=2', 'shard: must be an integer from 0 to 1'],
  ])('answers %s with 400 naming the parameter', async (query, error) => {
    const res = await sd(`/prometheus/targets${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ statusCode: 400, error });
  });

  it('ignores parameters it does not know', async () => {
    expect((await sd('/prometheus/targets?x=1&__proto__=2&constructor=3')).status).toBe(200);
  });
});

describe('HOST', () => {
  it('binds the HTTP server to the address it names', async () => {
    const registry = await startTestRegistry({ host: '127.0.0.1' });
    try {
      expect(registry.app.getHttpServer().address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await registry.close();
    }
  });
});
