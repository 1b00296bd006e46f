import type { Registration } from '../target/registration';

/**
 * The sweeper's memory of the tombstones it wrote and has not read back yet, so a lease that ran
 * out is tombstoned once, not at every sweep until the tombstone comes round through the state
 * topic. Keyed by applicationUuid and the expired record's expiresAt: a renewal is a new record.
 */
export class PendingTombstones {
  private readonly pending = new Map<string, number | null>();

  /** The expired registrations not tombstoned yet; they count as tombstoned from now on. */
  due(expired: readonly Registration[]): Registration[] {
    const due = expired.filter((r) => this.pending.get(r.applicationUuid) !== r.expiresAt);
    for (const r of due) this.pending.set(r.applicationUuid, r.expiresAt);
    return due;
  }

  /** Forgets every tombstone whose registration is gone from the view or was replaced. */
  settle(current: (applicationUuid: string) => Registration | undefined): void {
    for (const [id, expiresAt] of this.pending) {
      if (current(id)?.expiresAt !== expiresAt) this.pending.delete(id);
    }
  }

  get size(): number {
    return this.pending.size;
  }
}
