import type { Rejection, RegistrySnapshot } from '../registry';
import type { Registration } from '../target/registration';
import { StatusQuery, TargetPage } from './target-filter';
import type { TargetState } from './target-state';
export interface StatusPageModel {
    snapshot: RegistrySnapshot;
    stateTopic: string;
    dlqTopic: string;
    sdEndpoint: string;
    counts: Record<TargetState, number>;
    stateWritesPerMinute: number;
    rejectionsLastHour: {
        count: number;
        atLeast: boolean;
    };
    query: StatusQuery;
    page: TargetPage;
    stateOf: (r: Registration) => TargetState;
    rejections: Rejection[];
    window: {
        hours: number;
        perPartition: number;
    };
}
export declare const STATUS_PAGE_CSP: string;
export declare function duration(ms: number): string;
export declare function explainHref(applicationUuid: string): string;
export declare function renderStatusPage(model: StatusPageModel): string;
