import type { Registration, Scheme } from '../registry/registration';

/** One registration as the REST API shows it (SPEC §3.5). */
export interface TargetItem {
  applicationUuid: string;
  host: string;
  port: number;
  path: string;
  scheme: Scheme;
  labels: Record<string, string>;
  /** ISO-8601, or null when the registration has no lease. */
  expiresAt: string | null;
  /** ISO-8601, or null for records written without it (e.g. by OpenFactory). */
  updatedAt: string | null;
}

function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

export function targetItem(registration: Registration): TargetItem {
  return {
    applicationUuid: registration.applicationUuid,
    host: registration.host,
    port: registration.port,
    path: registration.path,
    scheme: registration.scheme,
    labels: { ...registration.labels },
    expiresAt: isoOrNull(registration.expiresAt),
    updatedAt: isoOrNull(registration.updatedAt),
  };
}
