/**
 * Lease time runs at most this far past the last fetch that found the view at the end of the
 * state topic. A healthy reader fetches every half second, so the lease clock is the real clock;
 * a reader cut off from Kafka stops it, and expires nothing until it has caught up again.
 */
export const LEASE_CLOCK_GRACE_MS = 2_000;

/**
 * The clock leases are judged by (SPEC §2.3): real time while the view is in sync with the state
 * topic, standing still while it is not, since renewals may be stuck in the same outage. Never
 * goes backwards. Pure: the caller passes the time.
 */
export class LeaseClock {
  private lastInSyncAt = 0;
  private clock = 0;
  /** Where the shrink brake stopped the clock, or null. */
  private heldAt: number | null = null;

  /** The view was seen at the end of the state topic at `now`. */
  markInSync(now: number): void {
    this.lastInSyncAt = Math.max(this.lastInSyncAt, now);
  }

  /** Whether the view was seen in sync within the grace period before `now`. */
  inSync(now: number): boolean {
    return now - this.lastInSyncAt < LEASE_CLOCK_GRACE_MS;
  }

  read(now: number): number {
    const limit = Math.min(this.lastInSyncAt + LEASE_CLOCK_GRACE_MS, this.heldAt ?? Infinity);
    this.clock = Math.max(this.clock, Math.min(now, limit));
    return this.clock;
  }

  /** Stops the clock at `at` (the shrink brake), until release(). */
  hold(at: number): void {
    this.heldAt = at;
  }

  release(): void {
    this.heldAt = null;
  }
}
