import type { Registration } from '../target/registration';
import { PendingTombstones } from './pending-tombstones';

function registration(applicationUuid: string, expiresAt: number): Registration {
  return {
    applicationUuid,
    host: 'h',
    port: 1,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt,
    updatedAt: 0,
  };
}

describe('PendingTombstones', () => {
  it('makes each expired registration due once', () => {
    const pending = new PendingTombstones();
    const a = registration('a', 100);
    const b = registration('b', 200);
    expect(pending.due([a, b])).toEqual([a, b]);
    expect(pending.due([a, b])).toEqual([]);
  });

  it('makes a renewed registration that expired again due again', () => {
    const pending = new PendingTombstones();
    pending.due([registration('a', 100)]);
    const renewed = registration('a', 300);
    expect(pending.due([renewed])).toEqual([renewed]);
  });

  it('forgets tombstones read back (gone from the view) or overtaken by a new record', () => {
    const pending = new PendingTombstones();
    const a = registration('a', 100);
    const b = registration('b', 200);
    pending.due([a, b]);
    const view = new Map([['b', b]]);
    pending.settle((id) => view.get(id));
    expect(pending.size).toBe(1);
    view.set('b', registration('b', 900));
    pending.settle((id) => view.get(id));
    expect(pending.size).toBe(0);
  });
});
