import type { Registration } from '../target/registration';

/** A registration as the REST API answers it (SPEC §3.5): times as ISO-8601 or null. */
export type RegistrationJson = Omit<Registration, 'expiresAt' | 'updatedAt'> & {
  expiresAt: string | null;
  updatedAt: string | null;
};

function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

export function registrationJson(registration: Registration): RegistrationJson {
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
