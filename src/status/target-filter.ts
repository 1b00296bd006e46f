import type { Registration } from '../target/registration';
import { targetAddress } from '../target/sd-target-group';
import { spellHidden } from './html';
import type { TargetState } from './target-state';

export const PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 256;
const MAX_PAGE = 1_000_000;

export type StateFilter = TargetState | 'all';
const STATE_FILTERS: readonly StateFilter[] = ['all', 'served', 'held', 'expired'];

export interface StatusQuery {
  /** The filter as typed (cut to 256 characters). */
  q: string;
  state: StateFilter;
  /** 1-based. */
  page: number;
}

function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** The page's query string; anything unexpected falls back to the default rather than failing. */
export function parseStatusQuery(query: Record<string, unknown>): StatusQuery {
  const q = (first(query.q) ?? '').slice(0, MAX_QUERY_LENGTH);
  const state = first(query.state) as StateFilter | undefined;
  const page = Number(first(query.page) ?? '1');
  return {
    q,
    state: state !== undefined && STATE_FILTERS.includes(state) ? state : 'all',
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

export function endpointOf(r: Registration): string {
  return `${r.scheme}://${targetAddress(r.host, r.port)}${r.path}`;
}

/**
 * What the filter looks in, lower-cased: the applicationUuid, the endpoint and each label as
 * name=value, hidden characters spelled as on the page. The page's script filters its rows on
 * the same text (data-search).
 */
export function searchText(r: Registration): string {
  const labels = Object.entries(r.labels).map(([name, value]) => `${name}=${value}`);
  return spellHidden([r.applicationUuid, endpointOf(r), ...labels].join(' ')).toLowerCase();
}

/** Words of the filter: a registration matches when its search text contains every one. */
export function filterWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(text: string, words: readonly string[]): boolean {
  return words.every((word) => text.includes(word));
}

export interface TargetPage {
  rows: Registration[];
  /** Registrations that match the filter, over all pages. */
  matched: number;
  page: number;
  pages: number;
}

/** One page of the registrations that match, in the view's order (by applicationUuid). */
export function targetPage(
  all: readonly Registration[],
  query: StatusQuery,
  stateOf: (r: Registration) => TargetState,
): TargetPage {
  const words = filterWords(query.q);
  const start = (query.page - 1) * PAGE_SIZE;
  const rows: Registration[] = [];
  let matched = 0;
  for (const r of all) {
    if (query.state !== 'all' && stateOf(r) !== query.state) continue;
    if (words.length > 0 && !matches(searchText(r), words)) continue;
    if (matched >= start && rows.length < PAGE_SIZE) rows.push(r);
    matched++;
  }
  return { rows, matched, page: query.page, pages: Math.max(1, Math.ceil(matched / PAGE_SIZE)) };
}
