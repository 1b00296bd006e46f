import { Injectable } from '@nestjs/common';
import type { Registration } from '../target/registration';
import { DlqTailReader } from './dlq-tail.reader';
import { LeaseSweeper } from './lease-sweeper';
import type { Rejection } from './rejection-log';
import { RegistryMetrics } from './registry.metrics';
import { Removal, StateHistory } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { TargetView } from './target-view';

/** The replica's state at one moment, as the operator's views show it. */
export interface RegistrySnapshot {
  /** Real time (epoch ms) of the snapshot. */
  now: number;
  /** The time leases are judged by: stands still while the view is out of sync or the brake holds. */
  leaseNow: number;
  /** Read the state topic to the end it had at startup. */
  caughtUp: boolean;
  /** Caught up and recently seen at the end of the state topic. */
  inSync: boolean;
  /** Records between the view and the end of the state topic. */
  lag: number;
  brakeEngaged: boolean;
  /** The DLQ window has been read up to the end the topic had when reading started. */
  rejectionsCaughtUp: boolean;
}

/**
 * What the operator's views (status page, explain) read of the registry: the view, the recent
 * past of the state topic, the DLQ tail and the replica's progress. Read-only.
 */
@Injectable()
export class RegistryStatus {
  constructor(
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly sweeper: LeaseSweeper,
    private readonly history: StateHistory,
    private readonly dlq: DlqTailReader,
    private readonly metrics: RegistryMetrics,
  ) {}

  async snapshot(): Promise<RegistrySnapshot> {
    const lag = (await this.metrics.stateLag.get()).values[0]?.value ?? 0;
    const now = Date.now();
    return {
      now,
      leaseNow: this.reader.leaseClock(),
      caughtUp: this.reader.caughtUp,
      inSync: this.reader.inSync(now),
      lag,
      brakeEngaged: this.sweeper.brakeEngaged,
      rejectionsCaughtUp: this.dlq.caughtUp,
    };
  }

  /** Every registration in the view, expired or not, sorted by applicationUuid. */
  registrations(): readonly Registration[] {
    return this.view.all();
  }

  registration(applicationUuid: string): Registration | undefined {
    return this.view.get(applicationUuid);
  }

  removal(applicationUuid: string, now: number): Removal | null {
    return this.history.removal(applicationUuid, now);
  }

  lastRejection(applicationUuid: string, now: number): Rejection | null {
    return this.dlq.log.last(applicationUuid, now);
  }

  recentRejections(now: number, limit: number): Rejection[] {
    return this.dlq.log.recent(now, limit);
  }

  rejectionsSince(since: number): { count: number; atLeast: boolean } {
    return this.dlq.log.countSince(since);
  }

  /** State records per minute over the last five minutes, all replicas' writes together. */
  stateWritesPerMinute(now: number): number {
    return this.history.writesPerMinute(now, 5);
  }
}
