import { type RegistrySnapshot, isExpired } from '../registry';
import type { Registration } from '../target/registration';

/**
 * What the replica does with a registration now: serves it, serves it only because the shrink
 * brake holds its run-out lease, or no longer serves it (its lease ran out; the tombstone follows).
 */
export type TargetState = 'served' | 'held' | 'expired';

export function targetState(
  registration: Registration,
  snapshot: Pick<RegistrySnapshot, 'now' | 'leaseNow' | 'brakeEngaged'>,
): TargetState {
  if (isExpired(registration, snapshot.leaseNow)) return 'expired';
  return snapshot.brakeEngaged && isExpired(registration, snapshot.now) ? 'held' : 'served';
}

/** The lease's length as written (from the write to its end), in seconds, or null. */
export function leaseSeconds(registration: Registration): number | null {
  const { expiresAt, updatedAt } = registration;
  if (expiresAt === null || updatedAt === null || expiresAt <= updatedAt) return null;
  return Math.round((expiresAt - updatedAt) / 1000);
}
