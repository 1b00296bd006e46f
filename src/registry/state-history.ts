import type { StateRecord } from './state-record';
import { HeaderValue, headerText } from './record-headers';

/**
 * Headers on the registry's tombstones, saying why a registration was removed, so that every
 * replica (and one started later) tells a deregistration from an expired lease from Kafka alone.
 * Readers that ignore headers, such as OpenFactory's ksqlDB table, see a plain tombstone.
 */
export const REMOVED_BY_HEADER = 'x-removed-by';
export const LEASE_EXPIRES_AT_HEADER = 'x-lease-expires-at';
export const LEASE_TTL_HEADER = 'x-lease-ttl-seconds';

/**
 * How much of the state topic's recent past each replica remembers (SPEC §3.7): an hour, the
 * delete.retention.ms of a state topic the registry creates, so that a replica started later
 * still finds every tombstone of the window in the topic and answers the same.
 */
export const REMOVAL_WINDOW = { maxAgeMs: 3_600_000, maxRemovals: 10_000 };
/** State writes are counted per minute over this many minutes. */
const RATE_MINUTES = 60;
const MINUTE_MS = 60_000;

/**
 * Why a registration left the view: its tombstone's header, a refused or invalid record, or a
 * tombstone without a reason.
 */
export type RemovalCause = 'deregistered' | 'expired' | 'denied' | 'invalid' | 'deleted';

export interface Removal {
  applicationUuid: string;
  /** Epoch ms of the record that removed it (its Kafka timestamp). */
  at: number;
  cause: RemovalCause;
  /** For an expiry: when the lease ran out, and its length. */
  expiresAt: number | null;
  ttlSeconds: number | null;
  /** For a denied or invalid record: the target policy's reason, or the rule it breaks. */
  reason: string | null;
}

/** The headers of the tombstone an explicit deregister writes. */
export function deregisterHeaders(): Record<string, string> {
  return { [REMOVED_BY_HEADER]: 'deregister' };
}

/**
 * The ttlSeconds a registration was written with: its lease, from the write to its end, is
 * ttlSeconds × (1 + leaseSlack) (registrationOf). Null without a lease or a write time.
 */
export function ttlSecondsOf(
  registration: { expiresAt: number | null; updatedAt: number | null },
  leaseSlack: number,
): number | null {
  const { expiresAt, updatedAt } = registration;
  if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt) return null;
  return Math.round((expiresAt - updatedAt) / 1000 / (1 + leaseSlack));
}

/** The headers of the tombstone the lease sweeper writes for a lease that ran out. */
export function expiryHeaders(
  registration: { expiresAt: number | null; updatedAt: number | null },
  leaseSlack: number,
): Record<string, string> {
  const headers: Record<string, string> = { [REMOVED_BY_HEADER]: 'expiry' };
  if (registration.expiresAt !== null) {
    headers[LEASE_EXPIRES_AT_HEADER] = String(registration.expiresAt);
  }
  const ttl = ttlSecondsOf(registration, leaseSlack);
  if (ttl !== null) headers[LEASE_TTL_HEADER] = String(ttl);
  return headers;
}

function headerNumber(value: HeaderValue): number | null {
  const text = headerText(value);
  return text !== null && /^\d{1,16}$/.test(text) ? Number(text) : null;
}

/** What a tombstone's headers say about the removal of `applicationUuid` at `at`. */
export function removalOf(
  applicationUuid: string,
  headers: Record<string, HeaderValue> | undefined,
  at: number,
): Removal {
  const by = headerText(headers?.[REMOVED_BY_HEADER]);
  const cause: RemovalCause =
    by === 'deregister' ? 'deregistered' : by === 'expiry' ? 'expired' : 'deleted';
  const expired = cause === 'expired';
  return {
    applicationUuid,
    at,
    cause,
    expiresAt: expired ? headerNumber(headers?.[LEASE_EXPIRES_AT_HEADER]) : null,
    ttlSeconds: expired ? headerNumber(headers?.[LEASE_TTL_HEADER]) : null,
    reason: null,
  };
}

/**
 * What the state topic said recently, beyond the view: the registrations it removed (and why),
 * and how many records it carried per minute. Fed by the state topic reader in log order, so
 * every replica that has read the same records remembers the same; bounded by REMOVAL_WINDOW.
 * Times are the records' own Kafka timestamps, never the replica's clock at reading.
 */
export class StateHistory {
  /** In removal order: the first entry is the oldest, evicted first. */
  private readonly removals = new Map<string, Removal>();
  private readonly writesByMinute = new Map<number, number>();

  constructor(private readonly window = REMOVAL_WINDOW) {}

  /** One record of the state topic, with its headers and timestamp (epoch ms). */
  observe(
    record: StateRecord,
    headers: Record<string, HeaderValue> | undefined,
    timestamp: number,
  ): void {
    if (record.kind === 'invalid') {
      if (record.applicationUuid !== null)
        this.refused(record.applicationUuid, 'invalid', record.reason, timestamp);
      return;
    }
    this.countWrite(timestamp);
    if (record.kind === 'put') {
      this.removals.delete(record.registration.applicationUuid);
    } else if (record.kind === 'delete') {
      this.remember(removalOf(record.applicationUuid, headers, timestamp));
    } else {
      this.refused(record.applicationUuid, 'denied', record.reason, timestamp);
    }
  }

  /** A record its key is no longer served for: outside the target policy, or invalid. */
  private refused(
    applicationUuid: string,
    cause: 'denied' | 'invalid',
    reason: string,
    at: number,
  ): void {
    this.remember({ applicationUuid, at, cause, expiresAt: null, ttlSeconds: null, reason });
  }

  /** The last removal of an id within the window, if it has not been registered again since. */
  removal(applicationUuid: string, now: number): Removal | null {
    const removal = this.removals.get(applicationUuid);
    return removal !== undefined && now - removal.at <= this.window.maxAgeMs ? removal : null;
  }

  /** State records (registrations, renewals, removals) per minute over the last `minutes` before `now`. */
  writesPerMinute(now: number, minutes = 5): number {
    const span = Math.min(Math.max(1, minutes), RATE_MINUTES);
    const current = Math.floor(now / MINUTE_MS);
    let total = 0;
    // The minute in progress counts for its elapsed part only.
    for (let m = current - span + 1; m <= current; m++) total += this.writesByMinute.get(m) ?? 0;
    const elapsed = span - 1 + (now - current * MINUTE_MS) / MINUTE_MS;
    return total / Math.max(elapsed, 1);
  }

  private remember(removal: Removal): void {
    this.removals.delete(removal.applicationUuid);
    this.removals.set(removal.applicationUuid, removal);
    while (this.removals.size > this.window.maxRemovals) {
      const oldest = this.removals.keys().next().value as string;
      this.removals.delete(oldest);
    }
  }

  private countWrite(timestamp: number): void {
    const minute = Math.floor(timestamp / MINUTE_MS);
    this.writesByMinute.set(minute, (this.writesByMinute.get(minute) ?? 0) + 1);
    if (this.writesByMinute.size > RATE_MINUTES + 1) {
      const newest = Math.max(...this.writesByMinute.keys());
      for (const m of this.writesByMinute.keys()) {
        if (m <= newest - RATE_MINUTES) this.writesByMinute.delete(m);
      }
    }
  }
}
