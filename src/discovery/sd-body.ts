import type { Registration } from '../registry/registration';
import { compareIds } from '../registry/target-view';

/** One target group of Prometheus HTTP service discovery. */
export interface SdTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** host:port as Prometheus expects it; an IPv6 address goes in brackets. */
export function targetAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The registry's own labels first (as in SPEC §3.1), then the user's labels sorted by name. */
export function sdTargetGroup(registration: Registration): SdTargetGroup {
  const labels: Record<string, string> = {
    __metrics_path__: registration.path,
    __scheme__: registration.scheme,
    __meta_registry_application_uuid: registration.applicationUuid,
  };
  for (const name of Object.keys(registration.labels).sort(compareIds)) {
    labels[name] = registration.labels[name];
  }
  return { targets: [targetAddress(registration.host, registration.port)], labels };
}

/** The SD response body: one group per registration, sorted by applicationUuid. */
export function renderSdBody(registrations: readonly Registration[]): string {
  const sorted = [...registrations].sort((a, b) =>
    compareIds(a.applicationUuid, b.applicationUuid),
  );
  return JSON.stringify(sorted.map(sdTargetGroup));
}
