import type { Target } from '../target/target';
import {
  InvalidTargetError,
  validateDeregister,
  validateTarget,
} from '../target/target.validation';

/**
 * Checks a target with the registry's own rules and returns the value of the register command to
 * send, or throws InvalidTargetError with the same "field: reason" line the registry would put
 * in the DLQ.
 */
export function registerCommand(target: Target | Record<string, unknown>): Target {
  const result = validateTarget(target);
  if (!result.ok) throw new InvalidTargetError(result.error);
  return result.value;
}

/** Checks an applicationUuid for a deregister command, with the registry's rules. */
export function deregisterCommand(applicationUuid: string): { applicationUuid: string } {
  const result = validateDeregister({ applicationUuid });
  if (!result.ok) throw new InvalidTargetError(result.error);
  return result.value;
}

/** Renewing every third of the lease leaves two renewals' worth of slack before it runs out. */
export function renewalIntervalMs(ttlSeconds: number): number {
  return Math.floor((ttlSeconds * 1000) / 3);
}
