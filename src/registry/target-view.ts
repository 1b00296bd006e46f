import type { Registration } from '../target/registration';
import { compareIds } from '../target/sd-target-group';

/**
 * The in-memory table materialized from the state topic (a KTable): the last registration per
 * applicationUuid. A pure data structure; Kafka I/O feeds it from the edge.
 */
export class TargetView {
  private readonly byId = new Map<string, Registration>();
  private sorted: Registration[] | null = null;
  private changes = 0;

  /** Increments on every change, so caches over the view know when to rebuild. */
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
    this.byId.set(registration.applicationUuid, registration);
    this.changed();
  }

  delete(applicationUuid: string): void {
    if (this.byId.delete(applicationUuid)) this.changed();
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

  private changed(): void {
    this.changes++;
    this.sorted = null;
  }
}

export function isExpired(registration: Registration, now: number): boolean {
  return registration.expiresAt !== null && registration.expiresAt <= now;
}
