import type { Registration } from '../target/registration';
import {
  REMOVED_BY_HEADER,
  StateHistory,
  deregisterHeaders,
  expiryHeaders,
  removalOf,
} from './state-history';

const registration = (applicationUuid: string): Registration => ({
  applicationUuid,
  host: 'app',
  port: 9100,
  path: '/metrics',
  scheme: 'http',
  labels: {},
  expiresAt: null,
  updatedAt: null,
});
const put = (id: string) => ({ kind: 'put' as const, registration: registration(id) });
const del = (id: string) => ({ kind: 'delete' as const, applicationUuid: id });
const HOUR = 3_600_000;

describe('tombstone headers', () => {
  it('say deregistered for an explicit deregister', () => {
    expect(removalOf('a', deregisterHeaders(), 1000)).toEqual({
      applicationUuid: 'a',
      at: 1000,
      cause: 'deregistered',
      expiresAt: null,
      ttlSeconds: null,
      reason: null,
    });
  });

  it('say expired, when and with which TTL, for a lease that ran out (as Kafka hands them back: Buffers)', () => {
    // A 60 s lease granted with 50 % slack: ttlSeconds 40.
    const headers = expiryHeaders({ expiresAt: 61_000, updatedAt: 1_000 }, 0.5);
    const asRead = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(removalOf('a', asRead, 62_000)).toMatchObject({
      cause: 'expired',
      at: 62_000,
      expiresAt: 61_000,
      ttlSeconds: 40,
    });
  });

  it('leave a tombstone without them (OpenFactory, older versions) a plain deletion', () => {
    expect(removalOf('a', undefined, 5).cause).toBe('deleted');
    expect(removalOf('a', { [REMOVED_BY_HEADER]: 'something-else' }, 5).cause).toBe('deleted');
  });

  it('ignore a lease header that is not a number', () => {
    const removal = removalOf(
      'a',
      { [REMOVED_BY_HEADER]: 'expiry', 'x-lease-expires-at': '<script>' },
      5,
    );
    expect(removal).toMatchObject({ cause: 'expired', expiresAt: null, ttlSeconds: null });
  });
});

describe('StateHistory', () => {
  it('remembers the last removal of an id until it is registered again', () => {
    const history = new StateHistory();
    history.observe(put('a'), undefined, 1000);
    expect(history.removal('a', 2000)).toBeNull();
    history.observe(del('a'), deregisterHeaders(), 2000);
    expect(history.removal('a', 3000)?.cause).toBe('deregistered');
    history.observe(put('a'), undefined, 4000);
    expect(history.removal('a', 5000)).toBeNull();
  });

  it('reads a header sent with no value as absent', () => {
    const history = new StateHistory();
    // kafkajs hands a header with no value over as null.
    history.observe(del('a'), { [REMOVED_BY_HEADER]: null }, 1000);
    expect(history.removal('a', 1000)?.cause).toBe('deleted');
  });

  it('remembers a record the target policy refused, with the reason', () => {
    const history = new StateHistory();
    history.observe(
      {
        kind: 'denied',
        applicationUuid: 'a',
        reason: 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)',
      },
      undefined,
      1000,
    );
    expect(history.removal('a', 1000)).toMatchObject({
      cause: 'denied',
      reason: 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)',
    });
  });

  it('forgets removals older than the window, judged by the record time', () => {
    const history = new StateHistory({ maxAgeMs: HOUR, maxRemovals: 100 });
    history.observe(del('a'), deregisterHeaders(), 0);
    expect(history.removal('a', HOUR)).not.toBeNull();
    expect(history.removal('a', HOUR + 1)).toBeNull();
  });

  it('keeps at most maxRemovals, the most recent ones', () => {
    const history = new StateHistory({ maxAgeMs: HOUR, maxRemovals: 3 });
    for (const id of ['a', 'b', 'c', 'd']) history.observe(del(id), undefined, 10);
    expect(['a', 'b', 'c', 'd'].map((id) => history.removal(id, 10) !== null)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    // Removed again: now the most recent.
    history.observe(del('b'), undefined, 11);
    history.observe(del('e'), undefined, 12);
    expect(history.removal('b', 12)).not.toBeNull();
    expect(history.removal('c', 12)).toBeNull();
  });

  it('counts state records per minute by their timestamps, not by when they were read', () => {
    const history = new StateHistory();
    const now = 10 * 60_000;
    // 300 records in the 5 minutes before now, read all at once (a replica catching up).
    for (let i = 0; i < 300; i++) history.observe(put(`a${i}`), undefined, now - 1 - i * 1000);
    // Older ones do not count.
    for (let i = 0; i < 50; i++) history.observe(put(`b${i}`), undefined, now - 20 * 60_000);
    expect(history.writesPerMinute(now, 5)).toBeCloseTo(60, 0);
    expect(history.writesPerMinute(now + 60 * 60_000, 5)).toBe(0);
  });

  it('does not count invalid records as writes, and remembers the keys they removed and why', () => {
    const history = new StateHistory();
    history.observe(
      { kind: 'invalid', applicationUuid: null, reason: 'key: is missing' },
      undefined,
      0,
    );
    history.observe(put('a'), undefined, 0);
    history.observe({ kind: 'invalid', applicationUuid: 'a', reason: 'PORT: bad' }, undefined, 500);
    expect(history.writesPerMinute(30_000, 1)).toBe(1);
    expect(history.removal('a', 1000)).toMatchObject({
      cause: 'invalid',
      at: 500,
      reason: 'PORT: bad',
    });
  });
});
