import { APPLICATION_UUID } from '../target/target.rules';
import { HeaderValue, headerText } from './record-headers';

/**
 * The recent tail of the DLQ topic every replica reads (SPEC §3.7): the dead letters of the last
 * 24 hours, at most the last 10,000 of each partition. Being a window over the topic's records
 * (their offsets and Kafka timestamps), it is the same on every replica.
 */
export const REJECTION_WINDOW = { maxAgeMs: 24 * 3_600_000, perPartition: 10_000 };

/** Longest key and reason kept: enough to read, bounded whatever a producer sent. */
const MAX_TEXT = 1024;
/** A value larger than a command may be is not parsed for its applicationUuid. */
const MAX_PARSED_VALUE = 64 * 1024;

export interface Rejection {
  /** Epoch ms of the dead letter (its Kafka timestamp). */
  at: number;
  /** Where the dead letter is in the DLQ topic. */
  partition: number;
  offset: string;
  /** The rejected command's key, as UTF-8 text (cut to 1024 characters), or null. */
  key: string | null;
  /** The applicationUuids it concerns: its key, and the one its value names, when valid. */
  applicationUuids: string[];
  /** The `x-error` header: why it was rejected. */
  reason: string;
  /** The command's own topic, partition and offset (`x-source-*` headers). */
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
}

export interface DeadLetterMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers?: Record<string, HeaderValue>;
}

function text(value: Buffer | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const full = typeof value === 'string' ? value : value.toString('utf8');
  return full.length > MAX_TEXT ? `${full.slice(0, MAX_TEXT)}…` : full;
}

function header(headers: Record<string, HeaderValue> | undefined, name: string): string | null {
  return text(headerText(headers?.[name]));
}

/** The applicationUuid a rejected command's value names, when it is JSON with a valid one. */
function valueId(value: Buffer | null): string | null {
  if (value === null || value.length > MAX_PARSED_VALUE) return null;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const id = (parsed as { applicationUuid?: unknown }).applicationUuid;
    return typeof id === 'string' && APPLICATION_UUID.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** A dead letter as the operator reads it. */
export function rejectionOf(partition: number, message: DeadLetterMessage): Rejection {
  const key = text(message.key);
  const ids = new Set<string>();
  if (key !== null && APPLICATION_UUID.test(key)) ids.add(key);
  const named = valueId(message.value);
  if (named !== null) ids.add(named);
  const sourcePartition = header(message.headers, 'x-source-partition');
  return {
    at: Number(message.timestamp),
    partition,
    offset: message.offset,
    key,
    applicationUuids: [...ids],
    reason: header(message.headers, 'x-error') ?? '(no x-error header)',
    sourceTopic: header(message.headers, 'x-source-topic'),
    sourcePartition:
      sourcePartition !== null && /^\d{1,10}$/.test(sourcePartition)
        ? Number(sourcePartition)
        : null,
    sourceOffset: header(message.headers, 'x-source-offset'),
  };
}

/** The last `capacity` items, oldest overwritten first. */
class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  get full(): boolean {
    return this.items.length === this.capacity;
  }

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  *newest(): Generator<T> {
    const n = this.items.length;
    const end = this.items.length < this.capacity ? n : this.next;
    for (let i = 1; i <= n; i++) yield this.items[(end - i + n) % n];
  }

  /** The oldest item kept. */
  oldest(): T | undefined {
    return this.items.length < this.capacity ? this.items[0] : this.items[this.next];
  }
}

/** The rejections in the window, per DLQ partition, in offset order. */
export class RejectionLog {
  private readonly partitions = new Map<number, Ring<Rejection>>();

  constructor(private readonly window = REJECTION_WINDOW) {}

  add(rejection: Rejection): void {
    let ring = this.partitions.get(rejection.partition);
    if (ring === undefined) {
      ring = new Ring(this.window.perPartition);
      this.partitions.set(rejection.partition, ring);
    }
    ring.push(rejection);
  }

  /** The newest `limit` rejections within the window at `now`, newest first. */
  recent(now: number, limit: number): Rejection[] {
    const all: Rejection[] = [];
    for (const ring of this.partitions.values()) {
      let taken = 0;
      for (const r of ring.newest()) {
        if (taken >= limit || now - r.at > this.window.maxAgeMs) break;
        all.push(r);
        taken++;
      }
    }
    return all.sort(newestFirst).slice(0, limit);
  }

  /** The newest rejection concerning an applicationUuid within the window, or null. */
  last(applicationUuid: string, now: number): Rejection | null {
    let found: Rejection | null = null;
    for (const ring of this.partitions.values()) {
      for (const r of ring.newest()) {
        if (now - r.at > this.window.maxAgeMs) break;
        if (r.applicationUuids.includes(applicationUuid)) {
          if (found === null || newestFirst(r, found) < 0) found = r;
          break;
        }
      }
    }
    return found;
  }

  /**
   * Rejections since `since`; `atLeast` when a partition's count bound cut the window shorter
   * than that, so more may have happened.
   */
  countSince(since: number): { count: number; atLeast: boolean } {
    let count = 0;
    let atLeast = false;
    for (const ring of this.partitions.values()) {
      for (const r of ring.newest()) {
        if (r.at < since) break;
        count++;
      }
      const oldest = ring.oldest();
      if (ring.full && oldest !== undefined && oldest.at >= since) atLeast = true;
    }
    return { count, atLeast };
  }
}

function newestFirst(a: Rejection, b: Rejection): number {
  return b.at - a.at || (a.partition === b.partition ? Number(b.offset) - Number(a.offset) : 0);
}
