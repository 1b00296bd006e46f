import type { Registration } from '../target/registration';
import type { TargetState } from './target-state';
export declare const PAGE_SIZE = 100;
export type StateFilter = TargetState | 'all';
export interface StatusQuery {
    q: string;
    state: StateFilter;
    page: number;
}
export declare function parseStatusQuery(query: Record<string, unknown>): StatusQuery;
export declare function endpointOf(r: Registration): string;
export declare function searchText(r: Registration): string;
export declare function filterWords(q: string): string[];
export declare function matches(text: string, words: readonly string[]): boolean;
export interface TargetPage {
    rows: Registration[];
    matched: number;
    page: number;
    pages: number;
}
export declare function targetPage(all: readonly Registration[], query: StatusQuery, stateOf: (r: Registration) => TargetState): TargetPage;
