import type { Registration } from '../target/registration';
import { sameServedFields } from './target-view';

/** How long this replica remembers what it wrote for a key, whatever the view says. */
export const RECENT_WRITE_MS = 30_000;

/** The lease a register asks for: from its stamp, ttlSeconds long (null: no lease). */
export interface LeaseRequest {
  registration: Registration;
  /** at + ttlSeconds, without the slack the registry grants on top; null without a lease. */
  requestedUntil: number | null;
}

/**
 * Decides whether a register needs a state write, or whether what is stored already covers it:
 * the same served fields and a lease that runs at least as long as the one asked for (SPEC §2.3).
 * It only answers "covered" when both the view and this replica's own recent write for the key
 * say so, so a register right after a deregister (still on its way to the view) is written.
 * Pure: the caller says whether the view can be trusted (in sync, and read since the command
 * partitions last moved to this replica, so another replica's last writes are in it).
 */
export class RenewalCoalescer {
  /** Key → what this replica last wrote for it (null: a tombstone), in the order written. */
  private readonly recent = new Map<string, { value: Registration | null; at: number }>();

  constructor(private readonly windowMs = RECENT_WRITE_MS) {}

  /** The stored registration that covers the request, or null when it must be written. */
  covering(
    request: LeaseRequest,
    viewed: Registration | undefined,
    now: number,
    viewTrusted: boolean,
  ): Registration | null {
    if (!viewTrusted || viewed === undefined || !covers(viewed, request)) return null;
    this.prune(now);
    const mine = this.recent.get(request.registration.applicationUuid);
    if (mine !== undefined && (mine.value === null || !covers(mine.value, request))) return null;
    return viewed;
  }

  /** This replica is writing `value` (null: a tombstone) for the key. */
  wrote(applicationUuid: string, value: Registration | null, now: number): void {
    this.recent.delete(applicationUuid);
    this.recent.set(applicationUuid, { value, at: now });
    this.prune(now);
  }

  get remembered(): number {
    return this.recent.size;
  }

  private prune(now: number): void {
    for (const [key, { at }] of this.recent) {
      if (now - at < this.windowMs) break;
      this.recent.delete(key);
    }
  }
}

function covers(stored: Registration, { registration, requestedUntil }: LeaseRequest): boolean {
  if (!sameServedFields(stored, registration)) return false;
  if (requestedUntil === null) return stored.expiresAt === null;
  return stored.expiresAt !== null && stored.expiresAt >= requestedUntil;
}
