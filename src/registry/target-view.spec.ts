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

  it('bumps the version on adding and deleting, not on deleting an unknown id', () => {
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

  it('keeps its version on a renewal that only moves a live lease', () => {
    const view = new TargetView();
    view.put(reg('a', 10_000));
    view.judge(1_000);
    const v = view.version;
    view.put(reg('a', 20_000));
    view.put(reg('a', 30_000));
    expect(view.version).toBe(v);
    expect(view.all()[0].expiresAt).toBe(30_000);
    expect(view.get('a')!.expiresAt).toBe(30_000);
  });

  it('changes its version when a served field changes, even with the same lease', () => {
    const view = new TargetView();
    view.put(reg('a', 10_000));
    view.judge(1_000);
    for (const change of [{ port: 2 }, { labels: { env: 'x' } }, { path: '/m' }, { host: 'g' }]) {
      const v = view.version;
      view.put({ ...view.get('a')!, ...change });
      expect(view.version).toBe(v + 1);
    }
  });

  it('changes its version once a live lease runs out, and not for leases that were renewed', () => {
    const view = new TargetView();
    view.put(reg('renewed', 5_000));
    view.put(reg('stops', 8_000));
    view.put(reg('forever'));
    view.judge(1_000);
    const v = view.version;
    view.put(reg('renewed', 15_000));
    view.judge(5_000);
    expect(view.version).toBe(v);
    view.judge(8_000);
    expect(view.version).toBe(v + 1);
    view.judge(9_000);
    expect(view.version).toBe(v + 1);
    view.judge(15_000);
    expect(view.version).toBe(v + 2);
  });

  it('changes its version when a renewal brings an expired registration back, or ends a live one', () => {
    const view = new TargetView();
    view.put(reg('a', 2_000));
    view.judge(3_000);
    let v = view.version;
    view.put(reg('a', 9_000));
    expect(view.version).toBe(v + 1);
    v = view.version;
    view.put(reg('a', 2_500));
    expect(view.version).toBe(v + 1);
  });

  it('never judges backwards', () => {
    const view = new TargetView();
    view.put(reg('a', 5_000));
    view.judge(6_000);
    const v = view.version;
    view.judge(1_000);
    view.put(reg('a', 5_500));
    expect(view.version).toBe(v);
  });

  it('keeps sorted order and current values through renewals of many ids', () => {
    const view = new TargetView();
    const ids = Array.from({ length: 200 }, (_, i) => `id-${(i * 7919) % 1000}`);
    for (const id of ids) view.put(reg(id, 1_000));
    view.all();
    for (const [i, id] of ids.entries()) view.put(reg(id, 2_000 + i));
    const all = view.all();
    expect(all.map((r) => r.applicationUuid)).toEqual([...ids].sort());
    for (const r of all) expect(r).toBe(view.get(r.applicationUuid));
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
