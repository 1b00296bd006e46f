import type { Registration } from '../target/registration';
import { compareIds } from '../target/sd-target-group';

/**
 * The in-memory table materialized from the state topic (a KTable): the last registration per
 * applicationUuid. A pure data structure; Kafka I/O feeds it from the edge, and the caller passes
 * the lease time.
 *
 * `version` changes exactly when what is served may change: a registration added, removed or
 * changed in a served field, a lease that runs out (seen by `judge`), or one that comes back to
 * life. A renewal that only moves a live lease further leaves it alone, so the SD body built for
 * a version stays valid however many renewals arrive (SdBodyCache).
 */
export class TargetView {
  private byId = new Map<string, Registration>();
  private sorted: Registration[] | null = null;
  private changes = 0;
  /** The lease time of the last judge(): registrations are live or expired as of then. */
  private judgedAt = -Infinity;
  /** No live lease (as of judgedAt) runs out before this time. */
  private nextExpiry = Infinity;

  /** Changes whenever the served set may have changed (see the class comment). */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.byId.size;
  }

  get(applicationUuid: string): Registration | undefined {
    return this.byId.get(applicationUuid);
  }

  put(registration: Registration): void {
    const previous = this.byId.get(registration.applicationUuid);
    this.byId.set(registration.applicationUuid, registration);
    const { expiresAt } = registration;
    const live = !isExpired(registration, this.judgedAt);
    if (live && expiresAt !== null && expiresAt < this.nextExpiry) this.nextExpiry = expiresAt;
    if (previous === undefined) {
      this.sorted = null;
      this.changes++;
      return;
    }
    if (this.sorted !== null)
      this.sorted[this.indexOf(registration.applicationUuid)] = registration;
    if (live === isExpired(previous, this.judgedAt) || !sameServedFields(previous, registration)) {
      this.changes++;
    }
  }

  /** Removes a registration; whether there was one. */
  delete(applicationUuid: string): boolean {
    if (!this.byId.delete(applicationUuid)) return false;
    this.sorted = null;
    this.changes++;
    return true;
  }

  /**
   * Holds what `other` holds instead, in one step (the state topic read again from the start into
   * a view of its own); `other` is not used again.
   */
  replaceWith(other: TargetView): void {
    this.byId = other.byId;
    this.sorted = null;
    this.changes++;
    // The next judge() looks at every lease again.
    this.nextExpiry = -Infinity;
  }

  /**
   * Moves the view's lease time to `now` (a lease clock: it never goes backwards), and changes the
   * version if a lease that was live ran out meanwhile. One pass over the view each time the
   * earliest live lease is due, however many renewals pushed it back.
   */
  judge(now: number): void {
    if (now <= this.judgedAt) return;
    const before = this.judgedAt;
    this.judgedAt = now;
    if (now < this.nextExpiry) return;
    let ranOut = false;
    let next = Infinity;
    for (const { expiresAt } of this.byId.values()) {
      if (expiresAt === null || expiresAt <= before) continue;
      if (expiresAt <= now) ranOut = true;
      else if (expiresAt < next) next = expiresAt;
    }
    this.nextExpiry = next;
    if (ranOut) this.changes++;
  }

  /** Every registration, expired or not, sorted by applicationUuid. */
  all(): readonly Registration[] {
    if (this.sorted === null) {
      this.sorted = [...this.byId.values()].sort((a, b) =>
        compareIds(a.applicationUuid, b.applicationUuid),
      );
    }
    return this.sorted;
  }

  /** The registrations whose lease has not run out at `now`, sorted by applicationUuid. */
  live(now: number): Registration[] {
    return this.all().filter((r) => !isExpired(r, now));
  }

  /** The registrations whose lease has run out at `now`. */
  expired(now: number): Registration[] {
    return this.all().filter((r) => isExpired(r, now));
  }

  /** Binary search in the sorted array, which holds the id (put() only calls it for known ids). */
  private indexOf(applicationUuid: string): number {
    const sorted = this.sorted!;
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareIds(sorted[middle].applicationUuid, applicationUuid) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export function isExpired(registration: Registration, now: number): boolean {
  return registration.expiresAt !== null && registration.expiresAt <= now;
}

/** Whether two registrations serve the same SD group (everything but the lease and its stamp). */
export function sameServedFields(a: Registration, b: Registration): boolean {
  if (a.host !== b.host || a.port !== b.port || a.path !== b.path || a.scheme !== b.scheme)
    return false;
  const aKeys = Object.keys(a.labels);
  if (aKeys.length !== Object.keys(b.labels).length) return false;
  for (const key of aKeys) {
    if (!Object.hasOwn(b.labels, key) || a.labels[key] !== b.labels[key]) return false;
  }
  return true;
}
