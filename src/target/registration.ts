import type { Scheme, Target } from './target';

export const DEFAULT_PATH = '/metrics';
export const DEFAULT_SCHEME: Scheme = 'http';

/** A target as the registry stores it in the state topic and serves it: defaults applied, lease stamped. */
export interface Registration {
  applicationUuid: string;
  host: string;
  port: number;
  path: string;
  scheme: Scheme;
  labels: Record<string, string>;
  /** Epoch milliseconds after which the lease has run out; null = no expiry. */
  expiresAt: number | null;
  /** Epoch milliseconds of the write; null for records written by others without it. */
  updatedAt: number | null;
}

/**
 * The registration a validated target becomes when stamped at `at` (SPEC §2.3): its lease runs
 * ttlSeconds from then, plus `leaseSlack` × ttlSeconds granted on top so that the renewals that
 * follow within the slack need no write of their own (RenewalCoalescer).
 */
export function registrationOf(target: Target, at: number, leaseSlack = 0): Registration {
  return {
    applicationUuid: target.applicationUuid,
    host: target.host,
    port: target.port,
    path: target.path ?? DEFAULT_PATH,
    scheme: target.scheme ?? DEFAULT_SCHEME,
    labels: { ...target.labels },
    expiresAt: leaseEnd(target, at, leaseSlack),
    updatedAt: at,
  };
}

/** When a lease stamped at `at` runs out: ttlSeconds × (1 + leaseSlack) later; null without one. */
export function leaseEnd(target: Target, at: number, leaseSlack = 0): number | null {
  return target.ttlSeconds === undefined
    ? null
    : at + Math.round(target.ttlSeconds * 1000 * (1 + leaseSlack));
}
