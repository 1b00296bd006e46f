import type { Registration } from './registration';

/** A target as Prometheus HTTP service discovery serves it: one group per registration. */
export interface SdTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export const APPLICATION_UUID_LABEL = '__meta_registry_application_uuid';

/** host:port as Prometheus expects it; an IPv6 address goes in brackets. */
export function targetAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Code-unit order, the same on every replica whatever its locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The registry's own labels first (as in SPEC §3.1), then the user's labels sorted by name; built
 * from entries, so that no label name can reach an object's prototype.
 */
export function sdTargetGroup(registration: Registration): SdTargetGroup {
  const names = Object.keys(registration.labels).sort(compareIds);
  const labels: Record<string, string> = Object.fromEntries([
    ['__metrics_path__', registration.path],
    ['__scheme__', registration.scheme],
    [APPLICATION_UUID_LABEL, registration.applicationUuid],
    ...names.map((name) => [name, registration.labels[name]]),
  ]);
  return { targets: [targetAddress(registration.host, registration.port)], labels };
}
