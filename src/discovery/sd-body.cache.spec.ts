import { TargetView } from '../registry';
import type { Registration } from '../target/registration';
import { shardOf } from './rendezvous';
import { SdBodyCache, etagMatches } from './sd-body.cache';
import { renderSdBody } from './sd-body';

const NOW = 1_800_000_000_000;

function registration(
  applicationUuid: string,
  overrides: Partial<Registration> = {},
): Registration {
  return {
    applicationUuid,
    host: `${applicationUuid}.local`,
    port: 9100,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt: null,
    updatedAt: NOW,
    ...overrides,
  };
}

function servedIds(body: Buffer): string[] {
  return (JSON.parse(body.toString('utf8')) as { labels: Record<string, string> }[]).map(
    (group) => group.labels.__meta_registry_application_uuid,
  );
}

describe('SdBodyCache', () => {
  let view: TargetView;
  let cache: SdBodyCache;

  beforeEach(() => {
    view = new TargetView();
    cache = new SdBodyCache(view);
  });

  it('serves [] for an empty view, with an ETag', () => {
    const { body, etag } = cache.get(NOW, null);
    expect(body.toString()).toBe('[]');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('serves the body renderSdBody builds from the live registrations', () => {
    view.put(registration('b', { labels: { env: 'prod' } }));
    view.put(registration('a'));
    expect(cache.get(NOW, null).body.toString()).toBe(renderSdBody(view.all()));
  });

  it('returns the very same Buffer while nothing changed', () => {
    view.put(registration('a', { expiresAt: NOW + 60_000 }));
    const first = cache.get(NOW, null);
    const second = cache.get(NOW + 1_000, null);
    expect(second.body).toBe(first.body);
    expect(second.etag).toBe(first.etag);
  });

  it('rebuilds after the view changes, with a new ETag when the body changed', () => {
    view.put(registration('a'));
    const before = cache.get(NOW, null);
    view.put(registration('b'));
    const after = cache.get(NOW, null);
    expect(after.body).not.toBe(before.body);
    expect(servedIds(after.body)).toEqual(['a', 'b']);
    expect(after.etag).not.toBe(before.etag);

    view.delete('a');
    const deleted = cache.get(NOW, null);
    expect(servedIds(deleted.body)).toEqual(['b']);
    expect(new Set([before.etag, after.etag, deleted.etag]).size).toBe(3);
  });

  it('serves the same body, not a rebuilt one, after renewals that change no served byte', () => {
    view.put(registration('a', { expiresAt: NOW + 60_000 }));
    view.put(registration('b', { expiresAt: NOW + 60_000 }));
    const before = cache.get(NOW, null);
    for (let i = 1; i <= 100; i++) {
      view.put(registration('a', { expiresAt: NOW + 60_000 + i * 1000, updatedAt: NOW + i }));
      expect(cache.get(NOW + i, null)).toBe(before);
    }
    // Past b's lease (never renewed) the body changes; a stays, with its renewed lease.
    const after = cache.get(NOW + 60_000, null);
    expect(servedIds(after.body)).toEqual(['a']);
    expect(after.etag).not.toBe(before.etag);
  });

  it('keeps the ETag when a rebuild gives the same bytes', () => {
    view.put(registration('a', { expiresAt: NOW + 60_000 }));
    const before = cache.get(NOW, null);
    view.put(registration('x'));
    view.delete('x');
    const after = cache.get(NOW, null);
    expect(after.body).not.toBe(before.body);
    expect(after.body.equals(before.body)).toBe(true);
    expect(after.etag).toBe(before.etag);
  });

  it('drops a target once its lease has passed, without any change to the view', () => {
    view.put(registration('short', { expiresAt: NOW + 5_000 }));
    view.put(registration('long', { expiresAt: NOW + 60_000 }));
    view.put(registration('forever'));
    const fresh = cache.get(NOW, null);
    expect(servedIds(fresh.body)).toEqual(['forever', 'long', 'short']);
    expect(cache.get(NOW + 4_999, null).body).toBe(fresh.body);

    const lapsed = cache.get(NOW + 5_000, null);
    expect(servedIds(lapsed.body)).toEqual(['forever', 'long']);
    expect(lapsed.etag).not.toBe(fresh.etag);
    expect(cache.get(NOW + 59_999, null).body).toBe(lapsed.body);
    expect(servedIds(cache.get(NOW + 60_000, null).body)).toEqual(['forever']);
  });

  it('does not serve a registration that had already expired when the view got it', () => {
    view.put(registration('stale', { expiresAt: NOW - 1 }));
    expect(cache.get(NOW, null).body.toString()).toBe('[]');
  });

  it('serves each shard only its own registrations, cached per selector', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `app-${String(i).padStart(2, '0')}`);
    for (const id of ids) view.put(registration(id));
    const shard0 = cache.get(NOW, { shard: 0, shards: 2 });
    const shard1 = cache.get(NOW, { shard: 1, shards: 2 });
    expect(servedIds(shard0.body)).toEqual(ids.filter((id) => shardOf(id, 2) === 0));
    expect(servedIds(shard1.body)).toEqual(ids.filter((id) => shardOf(id, 2) === 1));
    expect(shard0.etag).not.toBe(shard1.etag);
    expect(cache.get(NOW, { shard: 0, shards: 2 }).body).toBe(shard0.body);
    expect(servedIds(cache.get(NOW, null).body)).toEqual(ids);
    expect(cache.get(NOW, { shard: 1, shards: 2 }).body).toBe(shard1.body);
  });
});

describe('etagMatches', () => {
  const etag = '"abc"';

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
    ['', false],
    [undefined, false],
  ])('If-None-Match %j → %s', (header, expected) => {
    expect(etagMatches(header, etag)).toBe(expected);
  });
});
