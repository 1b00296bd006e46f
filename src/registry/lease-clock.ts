/**
 * Lease time runs at most this far past the last fetch that found the view at the end of the
 * state topic. A healthy reader fetches every half second, so the lease clock is the real clock;
 * a reader cut off from Kafka stops it, and expires nothing until it has caught up again.
 */
export const LEASE_CLOCK_GRACE_MS = 2_000;

/**
 * The clock leases are judged by (SPEC §2.3). It follows real time while the view is in sync
 * with the state topic and stands still while it is not, since renewals may be stuck in the same
 * outage. Back in sync, it does not jump over the blind time (that would expire at once every
 * lease whose renewal is still queued behind the outage): it runs at double speed until it is
 * back at real time, so a lease that had r left when the view went blind keeps at least r/2
 * after recovery for its renewal to come through. Never goes backwards, except under the shrink
 * brake's cap (hold). Pure: the caller passes the time.
 */
export class LeaseClock {
  private lastInSyncAt: number | null = null;
  /** Lease time, and the real time up to which it has been accounted. */
  private lease = 0;
  private accountedTo = 0;
  /** Where the shrink brake caps lease time, or null. The clock runs on beneath the cap. */
  private heldAt: number | null = null;

  /** The view was seen at the end of the state topic at `now`. */
  markInSync(now: number): void {
    if (this.lastInSyncAt === null) {
      this.lease = now;
      this.accountedTo = now;
    } else if (now - this.lastInSyncAt >= LEASE_CLOCK_GRACE_MS) {
      // Back from a blind stretch: account for the time before it, then skip it.
      this.advance(this.lastInSyncAt + LEASE_CLOCK_GRACE_MS);
      this.accountedTo = Math.max(this.accountedTo, now);
    }
    this.lastInSyncAt = Math.max(this.lastInSyncAt ?? now, now);
  }

  /** Whether the view was seen in sync within the grace period before `now`. */
  inSync(now: number): boolean {
    return this.lastInSyncAt !== null && now - this.lastInSyncAt < LEASE_CLOCK_GRACE_MS;
  }

  read(now: number): number {
    if (this.lastInSyncAt !== null) {
      this.advance(Math.min(now, this.lastInSyncAt + LEASE_CLOCK_GRACE_MS));
    }
    return this.heldAt === null ? this.lease : Math.min(this.lease, this.heldAt);
  }

  /**
   * Caps lease time at `at` (the shrink brake) until release(): no lease that runs out after `at`
   * runs out meanwhile. `at` may lie behind the time already read (heldFrom, for a replica that
   * starts while the others hold leases that ran out).
   */
  hold(at: number): void {
    this.heldAt = at;
  }

  /**
   * Lifts the cap. Lease time is then what it would have been without the brake: a lease the
   * brake held past its end runs out at once, and one whose renewal is still on its way after an
   * outage keeps the time the double speed leaves it.
   */
  release(): void {
    this.heldAt = null;
  }

  /** Real time from accountedTo to `until` counts double while lease time lags behind it. */
  private advance(until: number): void {
    if (until <= this.accountedTo) return;
    const elapsed = until - this.accountedTo;
    this.lease = Math.max(this.lease, Math.min(this.lease + 2 * elapsed, until));
    this.accountedTo = until;
  }
}
