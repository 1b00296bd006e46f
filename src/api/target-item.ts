import type { Registration } from '../registry/registration';

/** One registration as the REST API shows it (SPEC §3.5): times as ISO-8601 or null. */
export type TargetItem = Omit<Registration, 'expiresAt' | 'updatedAt'> & {
  /** null when the registration has no lease. */
  expiresAt: string | null;
  /** null for records written without it (e.g. by OpenFactory). */
  updatedAt: string | null;
};

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
