import type { Registration } from '../target/registration';
import { TargetView } from './target-view';

const reg = (applicationUuid: string, expiresAt: number | null = null): Registration => ({
  applicationUuid,
  host: 'h',
  port: 1,
  path: '/metrics',
  scheme: 'http',
  labels: {},
  expiresAt,
  updatedAt: 0,
});

describe('TargetView', () => {
  it('keeps the last registration per applicationUuid, sorted by code unit', () => {
    const view = new TargetView();
    view.put(reg('b'));
    view.put(reg('B'));
    view.put(reg('a'));
    view.put({ ...reg('b'), port: 2 });
    expect(view.all().map((r) => r.applicationUuid)).toEqual(['B', 'a', 'b']);
    expect(view.get('b')!.port).toBe(2);
    expect(view.size).toBe(3);
  });

  it('bumps the version on every change and not on deleting an unknown id', () => {
    const view = new TargetView();
    const v0 = view.version;
    view.put(reg('a'));
    expect(view.version).toBe(v0 + 1);
    view.delete('zzz');
    expect(view.version).toBe(v0 + 1);
    view.delete('a');
    expect(view.version).toBe(v0 + 2);
    expect(view.all()).toEqual([]);
  });

  it('splits live and expired registrations at a given time', () => {
    const view = new TargetView();
    view.put(reg('forever'));
    view.put(reg('soon', 1000));
    view.put(reg('later', 5000));
    expect(view.live(999).map((r) => r.applicationUuid)).toEqual(['forever', 'later', 'soon']);
    expect(view.live(1000).map((r) => r.applicationUuid)).toEqual(['forever', 'later']);
    expect(view.expired(1000).map((r) => r.applicationUuid)).toEqual(['soon']);
  });
});
