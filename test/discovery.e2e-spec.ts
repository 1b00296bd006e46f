import { loadRegistryConfig } from '../src/config/registry.config';
import { shardOf } from '../src/discovery/rendezvous';
import { TestProducer, uniqueTopics } from './support/kafka';
import { freePort } from './support/prometheus';
import { RunningRegistry, startTestRegistry, waitReady, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

interface SdResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function sd(
  url: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<SdResponse> {
  const res = await fetch(`${url}/prometheus/targets${query}`, { headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

function servedIds(json: unknown): string[] {
  return (json as { labels: Record<string, string> }[]).map(
    (group) => group.labels.__meta_registry_application_uuid,
  );
}

function register(applicationUuid: string, port = 9100): Record<string, unknown> {
  return { applicationUuid, host: '10.0.0.1', port, labels: { suite: 'discovery' } };
}

describe('GET /prometheus/targets before the view has caught up', () => {
  // 30,000 records (~10 MB) over 100 keys: long enough to read that the 503 window is wide.
  const KEYS = 100;
  const ROUNDS = 300;
  let registry: RunningRegistry | undefined;
  let producer: TestProducer;

  afterAll(async () => {
    await registry?.close();
    await producer?.close();
  });

  it('answers 503 with Retry-After and a JSON error, never a partial or empty 200', async () => {
    const topics = uniqueTopics();
    producer = new TestProducer();
    const pad = 'x'.repeat(300);
    for (let round = 0; round < ROUNDS; round += 10) {
      const messages = [];
      for (let r = round; r < round + 10; r++) {
        for (let k = 0; k < KEYS; k++) {
          messages.push({
            key: `prefilled-${String(k).padStart(3, '0')}`,
            value: JSON.stringify({
              HOST: '10.0.0.1',
              PORT: 9100 + k,
              LABELS: { pad, round: `${r}` },
            }),
          });
        }
      }
      await producer.send(topics.state, messages);
    }

    // Ask from the moment the port opens: the state reader starts only once the app is up.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const answers: SdResponse[] = [];
    let polling = true;
    const poller = (async () => {
      const deadline = Date.now() + 90_000;
      while (polling && Date.now() < deadline) {
        try {
          const answer = await sd(url);
          answers.push(answer);
          if (answer.status === 200) return;
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      registry = await startTestRegistry({ topics, port });
      await poller;
    } finally {
      polling = false;
    }

    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const answer of unavailable) {
      expect(answer.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.json).toEqual({ statusCode: 503, error: expect.stringMatching(/catching up/) });
    }
    expect(answers.map((a) => a.status).filter((s) => s !== 503)).toEqual([200]);
    const ready = answers[answers.length - 1].json as { labels: Record<string, string> }[];
    expect(ready).toHaveLength(KEYS);
    expect(ready.every((group) => group.labels.round === `${ROUNDS - 1}`)).toBe(true);
  });
});

describe('GET /prometheus/targets on a caught-up registry', () => {
  const fixture = useRegistry();

  async function waitServed(ids: string[]): Promise<SdResponse> {
    return waitFor(`SD to serve ${ids.join(', ')}`, async () => {
      const answer = await sd(fixture.registry.url);
      return answer.status === 200 && servedIds(answer.json).join() === ids.join()
        ? answer
        : undefined;
    });
  }

  it('answers 304 to the current ETag and changes the ETag exactly when the body changes', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.sendJson(topics.register, 'etag-a', register('etag-a'));
    const first = await waitServed(['etag-a']);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('content-encoding')).toBeNull();

    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const notModified = await sd(fixture.registry.url, '', { 'If-None-Match': tag });
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(notModified.headers.get('etag')).toBe(etag);
    }
    const otherTag = await sd(fixture.registry.url, '', { 'If-None-Match': '"other"' });
    expect(otherTag.status).toBe(200);
    expect(otherTag.text).toBe(first.text);

    await fixture.producer.sendJson(topics.register, 'etag-b', register('etag-b'));
    const second = await waitServed(['etag-a', 'etag-b']);
    const newEtag = second.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    const stale = await sd(fixture.registry.url, '', { 'If-None-Match': etag });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(second.text);
    expect((await sd(fixture.registry.url, '', { 'If-None-Match': newEtag })).status).toBe(304);

    await fixture.producer.sendJson(topics.deregister, 'etag-b', { applicationUuid: 'etag-b' });
    const back = await waitServed(['etag-a']);
    expect(back.text).toBe(first.text);
    expect(back.headers.get('etag')).toBe(etag);
  });

  it('splits the targets with ?shard=I&shards=N, each in exactly one shard', async () => {
    const { topics } = fixture.registry.config;
    const ids = Array.from({ length: 12 }, (_, i) => `shard-${String(i).padStart(2, '0')}`);
    for (const id of ids) await fixture.producer.sendJson(topics.register, id, register(id));
    await waitServed(['etag-a', ...ids]);
    const all = ['etag-a', ...ids];

    for (const shards of [1, 2, 3]) {
      const parts: string[][] = [];
      for (let shard = 0; shard < shards; shard++) {
        const answer = await sd(fixture.registry.url, `?shard=${shard}&shards=${shards}`);
        expect(answer.status).toBe(200);
        parts.push(servedIds(answer.json));
        expect(parts[shard]).toEqual(all.filter((id) => shardOf(id, shards) === shard));
      }
      expect(parts.flat().sort()).toEqual(all);
    }
    const two = [0, 1].map((shard) => all.filter((id) => shardOf(id, 2) === shard));
    expect(two[0].length).toBeGreaterThan(0);
    expect(two[1].length).toBeGreaterThan(0);
  });

  it.each([
    ['?shard=0', 'shards: must be an integer from 1 to 1024'],
    ['?shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=2&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=-1&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=a&shards=2', 'shard: must be an integer from 0 to 1'],
    ['?shard=0&shards=0', 'shards: must be an integer from 1 to 1024'],
    ['?shard=0&shards=1025', 'shards: must be an integer from 1 to 1024'],
    ['?shard=0&shards=2.5', 'shards: must be an integer from 1 to 1024'],
    ['?shard=0&shards=2&shards=3', 'shards: must be an integer from 1 to 1024'],
  ])('answers 400 naming the parameter for %s', async (query, error) => {
    const answer = await sd(fixture.registry.url, query);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.json).toEqual({ statusCode: 400, error });
  });
});

describe('GET /prometheus/targets with SD_BEARER_TOKEN and SD_BASIC_AUTH', () => {
  const TOKEN = 'e2e-bearer-token';
  const USER = 'prometheus';
  const PASSWORD = 'e2e:pass word';
  let registry: RunningRegistry;

  const basic = (userPass: string) => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

  beforeAll(async () => {
    const fromEnv = loadRegistryConfig({
      SD_BEARER_TOKEN: TOKEN,
      SD_BASIC_AUTH: `${USER}:${PASSWORD}`,
    });
    registry = await startTestRegistry({
      sdBearerToken: fromEnv.sdBearerToken,
      sdBasicAuth: fromEnv.sdBasicAuth,
    });
    await waitReady(registry.url);
  });

  afterAll(async () => {
    await registry?.close();
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong bearer token', `Bearer ${TOKEN}x`],
    ['a bearer token of another case', `Bearer ${TOKEN.toUpperCase()}`],
    ['a wrong basic password', basic(`${USER}:wrong`)],
    ['a wrong basic user', basic(`someone:${PASSWORD}`)],
    ['the token as a basic password', basic(`${USER}:${TOKEN}`)],
    ['an unknown scheme', `Token ${TOKEN}`],
  ])('answers 401 to %s', async (_, authorization) => {
    const answer = await sd(
      registry.url,
      '',
      authorization === undefined ? {} : { Authorization: authorization },
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer realm="metrics-registry", Basic realm="metrics-registry", charset="UTF-8"',
    );
    expect(answer.json).toEqual({ statusCode: 401, error: 'missing or wrong credentials' });
  });

  it('checks the credentials before the parameters', async () => {
    expect((await sd(registry.url, '?shard=9&shards=2')).status).toBe(401);
    const authorized = await sd(registry.url, '?shard=9&shards=2', {
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(authorized.status).toBe(400);
  });

  it.each([
    ['the bearer token', `Bearer ${TOKEN}`],
    ['the basic credentials', basic(`${USER}:${PASSWORD}`)],
  ])('serves the targets to %s', async (_, authorization) => {
    const answer = await sd(registry.url, '', { Authorization: authorization });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('[]');
  });
});
