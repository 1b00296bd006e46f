import type { Registration } from '../target/registration';

export interface ExpiryBrakeSettings {
  /** Engages when more than this share of the registrations is overdue; 1 turns the brake off. */
  share: number;
  /** Below this many registrations the brake never engages. */
  minTargets: number;
  /** Held longer than this, the leases run out after all. */
  holdLimitMs: number;
}

/**
 * A lease is overdue once two thirds of it passed without a renewal: an application renewing
 * every third of its lease (as the client does) has then missed two renewals, well before the
 * lease runs out.
 */
export function isOverdue(registration: Registration, now: number): boolean {
  const from = overdueFrom(registration);
  return from !== null && now > from;
}

/** When a registration becomes overdue, or null if it has no lease to be overdue on. */
function overdueFrom({ expiresAt, updatedAt }: Registration): number | null {
  if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt) return null;
  return updatedAt + ((expiresAt - updatedAt) * 2) / 3;
}

/**
 * The lease time the brake holds from (LeaseClock.hold). A running replica holds from its lease
 * time now: what has not run out stays served. A replica judging the brake for the first time,
 * as it starts, holds from before the earliest lease still in its view: a lease that ran out and
 * is still there is held by the replicas that ran before it (or none was running to expire it),
 * and its tombstone would drop it for all of them.
 */
export function heldFrom(
  registrations: readonly Registration[],
  leaseNow: number,
  starting: boolean,
): number {
  if (!starting) return leaseNow;
  let from = leaseNow;
  for (const { expiresAt } of registrations) {
    if (expiresAt !== null && expiresAt <= from) from = expiresAt - 1;
  }
  return from;
}

/**
 * When more than `share` of `registrations` had become overdue, as far as the view tells: the
 * moment the replicas that were running engaged the brake, give or take a sweep. Used by a
 * replica that finds the brake engaged as it starts, so that the hold limit counts from there and
 * not from its own start (a replica restarting again and again would otherwise hold for ever).
 * Only called when more than `share` are overdue at `now`.
 */
export function overdueShareCrossedAt(
  registrations: readonly Registration[],
  share: number,
  now: number,
): number {
  const moments: number[] = [];
  for (const registration of registrations) {
    const from = overdueFrom(registration);
    if (from !== null && now > from) moments.push(from);
  }
  moments.sort((a, b) => a - b);
  const needed = Math.floor(share * registrations.length) + 1;
  return moments[Math.min(needed, moments.length) - 1];
}

export type BrakeChange =
  { engaged: true; overdue: number; of: number } | { engaged: false; reason: string };

/**
 * The shrink brake (SPEC §2.3): when leases stop being renewed en masse, the applications more
 * likely lost their way to Kafka than all died at once, and dropping every target would blind
 * Prometheus (no `up == 0` for targets that are gone). So when more than a share of the
 * registrations is overdue, expiry is held: the registrations stay served until renewals resume
 * (the overdue share falls back under the threshold) or the hold limit passes. Pure: the caller
 * feeds it the view and the time, and stops the lease clock while it is engaged.
 */
export class ExpiryBrake {
  private engagedAt: number | null = null;
  /** After a hold that ran out, the brake waits for the overdue share to fall before it can engage again. */
  private armed = true;

  constructor(private readonly settings: ExpiryBrakeSettings) {}

  get engaged(): boolean {
    return this.engagedAt !== null;
  }

  /** When it engaged, or null. */
  get since(): number | null {
    return this.engagedAt;
  }

  /**
   * Judges the view at `now`; returns what changed, or null. `starting` is for a replica's first
   * judgement, as it starts: the brake the running replicas engaged is dated from when the overdue
   * share crossed the threshold (overdueShareCrossedAt), and if the hold limit has passed since,
   * it is not engaged at all: the leases run out here as they did (or will) on those replicas.
   */
  evaluate(
    registrations: readonly Registration[],
    now: number,
    starting = false,
  ): BrakeChange | null {
    let overdue = 0;
    for (const registration of registrations) if (isOverdue(registration, now)) overdue++;
    const total = registrations.length;
    const over = total >= this.settings.minTargets && overdue > this.settings.share * total;
    if (this.engagedAt === null) {
      if (!over) {
        this.armed = true;
        return null;
      }
      if (!this.armed) return null;
      const since = starting ? overdueShareCrossedAt(registrations, this.settings.share, now) : now;
      if (now - since >= this.settings.holdLimitMs) {
        this.armed = false;
        return {
          engaged: false,
          reason: `the hold limit of ${this.settings.holdLimitMs / 1000} s passed before this replica started`,
        };
      }
      this.engagedAt = since;
      return { engaged: true, overdue, of: total };
    }
    if (!over) {
      this.engagedAt = null;
      return { engaged: false, reason: 'renewals resumed' };
    }
    if (now - this.engagedAt >= this.settings.holdLimitMs) {
      this.engagedAt = null;
      this.armed = false;
      return {
        engaged: false,
        reason: `held for the limit of ${this.settings.holdLimitMs / 1000} s`,
      };
    }
    return null;
  }
}
