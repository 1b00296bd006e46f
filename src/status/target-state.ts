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
