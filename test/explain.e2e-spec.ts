import { shardOf } from '../src/discovery/rendezvous';
import { runCli } from './support/cli';
import { deregisterCommand, registerCommand, testKafka } from './support/kafka';
import {
  RunningRegistry,
  servedIds,
  startTestRegistry,
  useRegistry,
  waitReady,
} from './support/registry-app';
import { waitFor } from './support/wait';

interface Explanation {
  applicationUuid: string;
  served: boolean;
  cause: string;
  summary: string;
  registration: { ttlSeconds: number | null } | null;
  removal: {
    at: string;
    cause: string;
    expiresAt: string | null;
    ttlSeconds: number | null;
  } | null;
  rejection: {
    at: string;
    reason: string;
    dlq: { partition: number; offset: string };
    source: { topic: string; partition: number; offset: string };
  } | null;
  shard: { asked: number; shards: number; actual: number } | null;
}

async function explainOf(url: string, id: string, query = ''): Promise<Explanation> {
  const res = await fetch(`${url}/api/v1/targets/${encodeURIComponent(id)}/explain${query}`);
  if (res.status !== 200) throw new Error(`explain ${id} answered ${res.status}`);
  return (await res.json()) as Explanation;
}

/** Waits until explain gives `cause` for `id`. */
function explained(url: string, id: string, cause: string, timeoutMs = 30_000) {
  return waitFor(
    `explain ${id} to say ${cause}`,
    async () => {
      const answer = await explainOf(url, id);
      return answer.cause === cause ? answer : undefined;
    },
    { timeoutMs },
  );
}

describe('explain: why a target is or is not served', () => {
  const fixture = useRegistry();
  const TTL = 5;

  beforeAll(async () => {
    const { registry, producer } = fixture;
    const { commands } = registry.config.topics;
    await producer.send(commands, [
      registerCommand('ok-1', { labels: { env: 'prod' } }),
      registerCommand('gone-1'),
      registerCommand('short-1', { ttlSeconds: TTL }),
      // Rejected: port 0.
      registerCommand('bad-1', { port: 0 }),
    ]);
    await waitFor('ok-1, gone-1 and short-1 served', async () => {
      const ids = await servedIds(registry.url);
      return ['ok-1', 'gone-1', 'short-1'].every((id) => ids.includes(id));
    });
    await producer.send(commands, [deregisterCommand('gone-1')]);
  });

  it('served: with the registration and its lease', async () => {
    const answer = await explainOf(fixture.registry.url, 'ok-1');
    expect(answer).toMatchObject({
      applicationUuid: 'ok-1',
      served: true,
      cause: 'served',
      registration: { host: 'ok-1.svc', port: 9100, labels: { env: 'prod' }, expiresAt: null },
      rejection: null,
    });
  });

  it('never seen: an id nothing is known of', async () => {
    const answer = await explainOf(fixture.registry.url, 'ghost-1');
    expect(answer).toMatchObject({ served: false, cause: 'never-seen', registration: null });
  });

  it('rejected: the reason from the DLQ topic, with its time and the command offset', async () => {
    const answer = await explained(fixture.registry.url, 'bad-1', 'rejected');
    expect(answer.served).toBe(false);
    expect(answer.rejection).toMatchObject({
      reason: 'port: must be an integer from 1 to 65535',
      dlq: { partition: 0, offset: '0' },
      source: { topic: fixture.registry.config.topics.commands, partition: 0, offset: '3' },
    });
    expect(Math.abs(Date.parse(answer.rejection!.at) - Date.now())).toBeLessThan(60_000);
    expect(answer.summary).toContain('port: must be an integer from 1 to 65535');
  });

  it('reads the state topic and the DLQ with no consumer group: its only group is the command group', async () => {
    // Both readers are reading: ok-1 came through the state topic, bad-1's reason through the DLQ.
    await explained(fixture.registry.url, 'bad-1', 'rejected');
    const { groupId } = fixture.registry.config.kafka;
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      // A group of its own per reader would make the broker hold every replica's first fetch for
      // group.initial.rebalance.delay.ms (3 s by default), and leave a group behind per start.
      expect(groups.map((g) => g.groupId).filter((id) => id.startsWith(groupId))).toEqual([
        groupId,
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('deregistered: from the tombstone the deregister wrote', async () => {
    const answer = await explained(fixture.registry.url, 'gone-1', 'deregistered');
    expect(answer).toMatchObject({ served: false, removal: { cause: 'deregistered' } });
  });

  it('expired: when, and the ttlSeconds it had', async () => {
    const answer = await explained(fixture.registry.url, 'short-1', 'expired', 30_000);
    expect(answer.served).toBe(false);
    await waitFor('the expiry tombstone', async () => {
      const removed = await explainOf(fixture.registry.url, 'short-1');
      return removed.removal !== null;
    });
    const removed = await explainOf(fixture.registry.url, 'short-1');
    expect(removed).toMatchObject({
      cause: 'expired',
      registration: null,
      removal: { cause: 'expired', ttlSeconds: TTL },
    });
    expect(Date.parse(removed.removal!.expiresAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('not in the shard asked for: names the shard that serves it', async () => {
    const shards = 4;
    const actual = shardOf('ok-1', shards);
    const other = (actual + 1) % shards;
    const answer = await explainOf(
      fixture.registry.url,
      'ok-1',
      `?shard=${other}&shards=${shards}`,
    );
    expect(answer).toMatchObject({
      served: false,
      cause: 'other-shard',
      shard: { asked: other, shards, actual },
    });
    const own = await explainOf(fixture.registry.url, 'ok-1', `?shard=${actual}&shards=${shards}`);
    expect(own.cause).toBe('served');
  });

  it('metrics-registry explain prints the same, as text or JSON', async () => {
    const { url } = fixture.registry;
    const text = await runCli(['explain', 'bad-1', '--url', url]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^bad-1: NOT served \(rejected\)\n/);
    expect(text.stdout).toContain('port: must be an integer from 1 to 65535');
    const json = await runCli(['explain', 'ok-1', '--url', url, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ served: true, cause: 'served' });
    const missing = await runCli(['explain', '_x', '--url', url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/answered 400: applicationUuid: must match/);
  });

  it('answers 400 naming the field for a bad id or shard', async () => {
    const { url } = fixture.registry;
    const badId = await fetch(`${url}/api/v1/targets/${encodeURIComponent('-x')}/explain`);
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { error: string }).error).toMatch(/^applicationUuid: /);
    const badShard = await fetch(`${url}/api/v1/targets/ok-1/explain?shard=9&shards=2`);
    expect(badShard.status).toBe(400);
    expect(((await badShard.json()) as { error: string }).error).toMatch(/^shard: /);
  });

  it('gives the same answers on a replica started afterwards: Kafka is the only state', async () => {
    let late: RunningRegistry | undefined;
    try {
      late = await startTestRegistry({ topics: fixture.registry.config.topics });
      await waitReady(late.url);
      for (const id of ['ok-1', 'ghost-1', 'bad-1', 'gone-1', 'short-1']) {
        const first = await explainOf(fixture.registry.url, id);
        const second = await waitFor(`the late replica to explain ${id} alike`, async () => {
          const answer = await explainOf(late!.url, id);
          return answer.cause === first.cause ? answer : undefined;
        });
        expect({ ...second, checkedAt: undefined }).toEqual({ ...first, checkedAt: undefined });
      }
    } finally {
      await late?.close();
    }
  });
});

describe('explain: held by the shrink brake', () => {
  const fixture = useRegistry({
    expiryBrake: { share: 0.5, minTargets: 3, holdLimitMs: 60_000 },
  });

  it('says a target whose lease ran out is served only because the brake holds it', async () => {
    const { registry, producer } = fixture;
    const ids = ['held-1', 'held-2', 'held-3'];
    await producer.send(
      registry.config.topics.commands,
      ids.map((id) => registerCommand(id, { ttlSeconds: 5 })),
    );
    await waitFor('3 served', async () => (await servedIds(registry.url)).length === 3);
    const lastRenewal = Date.now();
    const answer = await waitFor(
      'held-1 held by the brake',
      async () => {
        const a = await explainOf(registry.url, 'held-1');
        return a.cause === 'held-by-brake' ? a : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(answer.served).toBe(true);
    // Held only past the lease granted (ttlSeconds × (1 + slack)).
    expect(Date.now() - lastRenewal).toBeGreaterThan(5_000);
    expect(answer.summary).toMatch(/^served only because the shrink brake holds expiry/);
  });
});

describe('explain and the status page with SD credentials', () => {
  const fixture = useRegistry({ sdBearerToken: 'sd-s3cret', apiToken: 'api-s3cret' });

  it('need one of them, and ask a browser for a login', async () => {
    const { url } = fixture.registry;
    for (const path of ['/', '/api/v1/targets/ok-1/explain']) {
      const none = await fetch(`${url}${path}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="metrics-registry"/);
      expect(
        (await fetch(`${url}${path}`, { headers: { authorization: 'Bearer nope' } })).status,
      ).toBe(401);
      for (const authorization of [
        'Bearer sd-s3cret',
        'Bearer api-s3cret',
        `Basic ${Buffer.from('operator:sd-s3cret').toString('base64')}`,
      ]) {
        expect((await fetch(`${url}${path}`, { headers: { authorization } })).status).toBe(200);
      }
    }
  });
});
