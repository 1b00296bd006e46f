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
  const at = overdueAt(registration);
  return at !== null && now > at;
}

/** When a registration turns overdue if not renewed; null without a lease. */
function overdueAt({ expiresAt, updatedAt }: Registration): number | null {
  if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt) return null;
  return updatedAt + ((expiresAt - updatedAt) * 2) / 3;
}

/**
 * `at` is when the overdue share went over the threshold, which every replica finds alike in the
 * same view, however long it has run: the brake holds from then.
 */
export type BrakeChange =
  { engaged: true; at: number; overdue: number; of: number } | { engaged: false; reason: string };

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
   * Judges the view at `now`; returns what changed, or null. It engages as of when the overdue
   * share went over the threshold, which may lie before `now`: on a replica that just started, or
   * one back from an outage. One that started after the others' hold ran out stays off.
   */
  evaluate(registrations: readonly Registration[], now: number): BrakeChange | null {
    const overdueSince: number[] = [];
    for (const registration of registrations) {
      const at = overdueAt(registration);
      if (at !== null && now > at) overdueSince.push(at);
    }
    const overdue = overdueSince.length;
    const total = registrations.length;
    const over = total >= this.settings.minTargets && overdue > this.settings.share * total;
    if (this.engagedAt === null) {
      if (!over) {
        this.armed = true;
        return null;
      }
      if (!this.armed) return null;
      // The share went over when the registration that tipped it turned overdue.
      const tipping = Math.floor(this.settings.share * total);
      const at = overdueSince.sort((a, b) => a - b)[tipping];
      if (now - at >= this.settings.holdLimitMs) {
        this.armed = false;
        return null;
      }
      this.engagedAt = at;
      return { engaged: true, at, overdue, of: total };
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
