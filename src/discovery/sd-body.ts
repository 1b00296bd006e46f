import type { Registration } from '../target/registration';
import { compareIds, sdTargetGroup } from '../target/sd-target-group';

/** One registration's target group as JSON. */
export function sdGroupJson(registration: Registration): string {
  return JSON.stringify(sdTargetGroup(registration));
}

/** The SD response body: one group per registration, sorted by applicationUuid. */
export function renderSdBody(registrations: readonly Registration[]): string {
  const sorted = [...registrations].sort((a, b) =>
    compareIds(a.applicationUuid, b.applicationUuid),
  );
  return `[${sorted.map(sdGroupJson).join(',')}]`;
}
