/** One application's metrics endpoint as the registry stores and serves it. */
export type Scheme = 'http' | 'https';

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

/** A validated register command (SPEC §2.1). */
export interface RegisterTarget {
  applicationUuid: string;
  host: string;
  port: number;
  path: string;
  scheme: Scheme;
  labels: Record<string, string>;
  ttlSeconds: number | null;
}

export function registrationFromCommand(command: RegisterTarget, now: number): Registration {
  return {
    applicationUuid: command.applicationUuid,
    host: command.host,
    port: command.port,
    path: command.path,
    scheme: command.scheme,
    labels: command.labels,
    expiresAt: command.ttlSeconds === null ? null : now + command.ttlSeconds * 1000,
    updatedAt: now,
  };
}
