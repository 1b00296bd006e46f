import type { Registration } from '../registry/registration';

/** One target group of Prometheus HTTP service discovery. */
export interface SdTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** host:port as Prometheus expects it; an IPv6 address goes in brackets. */
export function targetAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function sdTargetGroup(registration: Registration): SdTargetGroup {
  const labels: Record<string, string> = {
    __metrics_path__: registration.path,
    __scheme__: registration.scheme,
    __meta_registry_application_uuid: registration.applicationUuid,
  };
  for (const name of Object.keys(registration.labels).sort()) {
    labels[name] = registration.labels[name];
  }
  return { targets: [targetAddress(registration.host, registration.port)], labels };
}

/** The SD response body: one group per registration, in the order given (sorted by the view). */
export function renderSdBody(registrations: readonly Registration[]): string {
  return JSON.stringify(registrations.map(sdTargetGroup));
}
