import type { Rejection, RegistrySnapshot, Removal } from '../registry';
import type { Registration } from '../target/registration';
import { ExplainInput, explain } from './explain';

const NOW = Date.UTC(2026, 0, 2, 12, 0, 0);
const snapshot: RegistrySnapshot = {
  now: NOW,
  leaseNow: NOW,
  caughtUp: true,
  inSync: true,
  lag: 0,
  brakeEngaged: false,
  rejectionsCaughtUp: true,
};
const registration = (over: Partial<Registration> = {}): Registration => ({
  applicationUuid: 'app-1',
  host: 'app',
  port: 9100,
  path: '/metrics',
  scheme: 'http',
  labels: { env: 'prod' },
  expiresAt: NOW + 30_000,
  updatedAt: NOW - 30_000,
  ...over,
});
const rejection = (at: number): Rejection => ({
  at,
  partition: 0,
  offset: '17',
  key: 'app-1',
  applicationUuids: ['app-1'],
  reason: 'port: must be an integer from 1 to 65535',
  sourceTopic: 'metrics-registry.commands',
  sourcePartition: 0,
  sourceOffset: '42',
});
const removal = (cause: Removal['cause'], at: number, over: Partial<Removal> = {}): Removal => ({
  applicationUuid: 'app-1',
  at,
  cause,
  expiresAt: null,
  ttlSeconds: null,
  reason: null,
  ...over,
});
const input = (over: Partial<ExplainInput>): ExplainInput => ({
  applicationUuid: 'app-1',
  snapshot,
  registration: undefined,
  removal: null,
  rejection: null,
  shard: null,
  leaseSlack: 0,
  ...over,
});

describe('explain', () => {
  it('served: in the view with a live lease', () => {
    const answer = explain(input({ registration: registration() }));
    expect(answer).toMatchObject({ served: true, cause: 'served', removal: null, rejection: null });
    expect(answer.registration).toMatchObject({ host: 'app', port: 9100, ttlSeconds: 60 });
    expect(answer.summary).toBe('served (lease until 2026-01-02T12:00:30.000Z (ttlSeconds 60))');
  });

  it('never seen: nothing in the view, the removals or the DLQ window', () => {
    expect(explain(input({}))).toMatchObject({ served: false, cause: 'never-seen' });
  });

  it('rejected: the last DLQ reason, with its time and where the command was', () => {
    const answer = explain(input({ rejection: rejection(NOW - 5000) }));
    expect(answer).toMatchObject({
      served: false,
      cause: 'rejected',
      rejection: {
        at: '2026-01-02T11:59:55.000Z',
        reason: 'port: must be an integer from 1 to 65535',
        dlq: { partition: 0, offset: '17' },
        source: { topic: 'metrics-registry.commands', partition: 0, offset: '42' },
      },
    });
    expect(answer.summary).toContain('metrics-registry.commands [0]@42');
  });

  it('deregistered: the tombstone of a deregister', () => {
    const answer = explain(input({ removal: removal('deregistered', NOW - 1000) }));
    expect(answer).toMatchObject({
      served: false,
      cause: 'deregistered',
      removal: { at: '2026-01-02T11:59:59.000Z', cause: 'deregistered' },
    });
  });

  it('expired: when, and the TTL it had, from the tombstone', () => {
    const answer = explain(
      input({
        removal: removal('expired', NOW - 1000, { expiresAt: NOW - 2000, ttlSeconds: 15 }),
      }),
    );
    expect(answer).toMatchObject({
      cause: 'expired',
      removal: { expiresAt: '2026-01-02T11:59:58.000Z', ttlSeconds: 15 },
    });
    expect(answer.summary).toContain('(ttlSeconds 15)');
  });

  it('expired: still in the view, its lease run out by the lease clock', () => {
    const answer = explain(
      input({ registration: registration({ expiresAt: NOW - 1, updatedAt: NOW - 20_001 }) }),
    );
    expect(answer).toMatchObject({ served: false, cause: 'expired' });
    expect(answer.registration?.ttlSeconds).toBe(20);
    // Granted with 50 % slack, the same lease was asked for as ttlSeconds 13.
    const slack = explain(
      input({
        leaseSlack: 0.5,
        registration: registration({ expiresAt: NOW - 1, updatedAt: NOW - 20_001 }),
      }),
    );
    expect(slack.registration?.ttlSeconds).toBe(13);
  });

  it('not in the shard asked for: says which shard serves it', () => {
    const answer = explain(
      input({ registration: registration(), shard: { asked: 1, shards: 3, actual: 2 } }),
    );
    expect(answer).toMatchObject({ served: false, cause: 'other-shard', shard: { actual: 2 } });
    expect(
      explain(input({ registration: registration(), shard: { asked: 2, shards: 3, actual: 2 } }))
        .cause,
    ).toBe('served');
  });

  it('held by the brake: run out in real time, held by the stopped lease clock', () => {
    const braked = { ...snapshot, brakeEngaged: true, leaseNow: NOW - 60_000 };
    const answer = explain(
      input({ snapshot: braked, registration: registration({ expiresAt: NOW - 10_000 }) }),
    );
    expect(answer).toMatchObject({ served: true, cause: 'held-by-brake' });
  });

  it('a lease the stopped clock still covers, without the brake, is served (the view is blind, not the lease)', () => {
    const blind = { ...snapshot, leaseNow: NOW - 60_000 };
    expect(
      explain(input({ snapshot: blind, registration: registration({ expiresAt: NOW - 10_000 }) }))
        .cause,
    ).toBe('served');
  });

  it('denied and deleted: a refused state record, a tombstone without a reason', () => {
    expect(
      explain(
        input({
          removal: removal('denied', NOW, {
            reason: 'host: not allowed by REGISTRY_ALLOWED_HOSTS',
          }),
        }),
      ).summary,
    ).toContain('host: not allowed by REGISTRY_ALLOWED_HOSTS');
    expect(explain(input({ removal: removal('deleted', NOW) })).cause).toBe('deleted');
  });

  it('invalid: a state record that breaks the rules, with the rule', () => {
    const answer = explain(
      input({
        removal: removal('invalid', NOW, { reason: 'PORT: must be an integer from 1 to 65535' }),
      }),
    );
    expect(answer).toMatchObject({ served: false, cause: 'invalid' });
    expect(answer.summary).toMatch(/^not served: its state record of .* is invalid: PORT: must be/);
  });

  it('picks the newer of a removal and a rejection', () => {
    const older = explain(
      input({ removal: removal('deregistered', NOW - 1000), rejection: rejection(NOW - 5000) }),
    );
    expect(older.cause).toBe('deregistered');
    expect(older.rejection).not.toBeNull();
    const newer = explain(
      input({ removal: removal('deregistered', NOW - 5000), rejection: rejection(NOW - 1000) }),
    );
    expect(newer.cause).toBe('rejected');
  });

  it('notes a rejection newer than the served registration, and ignores an older one', () => {
    expect(
      explain(input({ registration: registration(), rejection: rejection(NOW) })).summary,
    ).toContain('a later command was rejected: port: must be');
    expect(
      explain(input({ registration: registration(), rejection: rejection(NOW - 60_000) })).summary,
    ).not.toContain('rejected');
  });

  it('says when the DLQ window has not been read to its end yet', () => {
    expect(
      explain(input({ snapshot: { ...snapshot, rejectionsCaughtUp: false } })).rejectionsComplete,
    ).toBe(false);
  });
});
