import type { Registration } from '../target/registration';
import { DlqTailReader } from './dlq-tail.reader';
import { LeaseSweeper } from './lease-sweeper';
import type { Rejection } from './rejection-log';
import { RegistryMetrics } from './registry.metrics';
import { Removal, StateHistory } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { TargetView } from './target-view';
export interface RegistrySnapshot {
    now: number;
    leaseNow: number;
    caughtUp: boolean;
    inSync: boolean;
    lag: number;
    brakeEngaged: boolean;
    rejectionsCaughtUp: boolean;
}
export declare class RegistryStatus {
    private readonly view;
    private readonly reader;
    private readonly sweeper;
    private readonly history;
    private readonly dlq;
    private readonly metrics;
    constructor(view: TargetView, reader: StateTopicReader, sweeper: LeaseSweeper, history: StateHistory, dlq: DlqTailReader, metrics: RegistryMetrics);
    snapshot(): Promise<RegistrySnapshot>;
    registrations(): readonly Registration[];
    registration(applicationUuid: string): Registration | undefined;
    removal(applicationUuid: string, now: number): Removal | null;
    lastRejection(applicationUuid: string, now: number): Rejection | null;
    recentRejections(now: number, limit: number): Rejection[];
    rejectionsSince(since: number): {
        count: number;
        atLeast: boolean;
    };
    stateWritesPerMinute(now: number): number;
}
