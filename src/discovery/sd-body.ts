import type { Registration } from '../target/registration';
import { compareIds, sdTargetGroup } from '../target/sd-target-group';

/** The SD response body: one group per registration, sorted by applicationUuid. */
export function renderSdBody(registrations: readonly Registration[]): string {
  const sorted = [...registrations].sort((a, b) =>
    compareIds(a.applicationUuid, b.applicationUuid),
  );
  return JSON.stringify(sorted.map(sdTargetGroup));
}
