import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
import type { Registration } from '../target/registration';
import { LeaseSweeper } from './lease-sweeper';
import { RegistryMetrics } from './registry.metrics';
import type { StateTopicReader } from './state-topic.reader';
import type { StateTopicWriter } from './state-topic.writer';
import { TargetView } from './target-view';

const NOW = 10_000_000;
const TTL = 60_000;

function leased(id: string, renewedAt: number): Registration {
  return {
    applicationUuid: id,
    host: `${id}.svc`,
    port: 9100,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt: renewedAt + TTL,
    updatedAt: renewedAt,
  };
}

/**
 * A sweeper over a view of 20 applications that stopped renewing together, `silentFor` ms before
 * NOW (a second apart), with the reader caught up and in sync; lease time is real time under the
 * brake's cap, as on a replica whose view is in sync.
 */
function sweeperOver(silentFor: number, holdLimitMs = 600_000) {
  const view = new TargetView();
  for (let i = 0; i < 20; i++)
    view.put(leased(`app-${String(i).padStart(2, '0')}`, NOW - silentFor + i * 1000));
  let heldAt: number | null = null;
  let caughtUp: (() => void) | null = null;
  const reader = {
    inSync: () => true,
    leaseClock: () => (heldAt === null ? Date.now() : Math.min(Date.now(), heldAt)),
    holdLeases: (at: number | null) => (heldAt = at),
    onceCaughtUp: (listener: () => void) => (caughtUp = listener),
  };
  const tombstones: string[] = [];
  const writer = {
    delete: (id: string) => Promise.resolve(void tombstones.push(id)),
  };
  const config = new RegistryConfig().with({
    expiryBrake: { share: 0.5, minTargets: 10, holdLimitMs },
    leaseSweepIntervalMs: 3_600_000,
  });
  const sweeper = new LeaseSweeper(
    config,
    view,
    reader as unknown as StateTopicReader,
    writer as unknown as StateTopicWriter,
    new RegistryMetrics(new Registry()),
  );
  sweeper.onApplicationBootstrap();
  /** What the reader does once its view holds the state topic: the sweeper's first judgement. */
  const catchUp = async () => {
    caughtUp!();
    await Promise.resolve();
  };
  return { sweeper, view, tombstones, catchUp, held: () => heldAt };
}

describe('LeaseSweeper', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('starting while the others hold leases that ran out, holds them too and writes no tombstone', async () => {
    // Silent for 70 s: the first 11 leases ran out up to 10 s ago, the others have not yet.
    const { sweeper, view, tombstones, catchUp, held } = sweeperOver(70_000);
    await catchUp();
    expect(sweeper.brakeEngaged).toBe(true);
    expect(tombstones).toEqual([]);
    // Held from before the earliest lease still in the view: every one of them stays served.
    expect(held()).toBe(NOW - 70_000 + TTL - 1);
    expect(view.live(held()!)).toHaveLength(20);
    jest.advanceTimersByTime(60_000);
    await sweeper.sweep();
    expect(tombstones).toEqual([]);
  });

  it('a running replica that engages holds from its lease time then: what ran out before is expired', async () => {
    // Silent for 30 s: no lease overdue yet, the brake stays off at the first judgement.
    const { sweeper, tombstones, catchUp, held } = sweeperOver(30_000);
    await catchUp();
    expect(sweeper.brakeEngaged).toBe(false);
    // 30 s on (silent for 60 s), all 20 are overdue and the first has just run out.
    jest.setSystemTime(NOW + 30_000);
    await sweeper.sweep();
    expect(sweeper.brakeEngaged).toBe(true);
    expect(held()).toBe(NOW + 30_000);
    expect(tombstones).toEqual(['app-00']);
  });

  it('starting after the hold limit has passed since the others engaged, expires the leases', async () => {
    // Silent for 200 s: the 11th (more than half) became overdue 200 - 10 - 40 = 150 s ago,
    // longer than a hold limit of 120 s. The others released then; so does this replica.
    const { sweeper, tombstones, catchUp, held } = sweeperOver(200_000, 120_000);
    await catchUp();
    expect(sweeper.brakeEngaged).toBe(false);
    expect(held()).toBeNull();
    expect(tombstones).toHaveLength(20);
    expect(warn).toHaveBeenCalledWith(
      'expiry brake not engaged: the hold limit of 120 s passed before this replica started',
    );
  });

  it('starting within the hold limit, releases when the limit counted from the others passes', async () => {
    // The 11th became overdue 150 s ago; with a limit of 180 s, 30 s of the hold are left.
    const { sweeper, tombstones, catchUp } = sweeperOver(200_000, 180_000);
    await catchUp();
    expect(sweeper.brakeEngaged).toBe(true);
    jest.setSystemTime(NOW + 29_000);
    await sweeper.sweep();
    expect(sweeper.brakeEngaged).toBe(true);
    expect(tombstones).toEqual([]);
    jest.setSystemTime(NOW + 30_000);
    await sweeper.sweep();
    expect(sweeper.brakeEngaged).toBe(false);
    expect(tombstones).toHaveLength(20);
  });
});
