/**
 * Where targets are addressed over HTTP (SPEC §3.5, §3.7): the REST API, and a target's
 * explanation, which the status page links to and the CLI asks for. Apart from the controllers,
 * so that the HTTP set-up and the CLI name the paths without loading them (@nestjs/swagger is
 * loaded only when the REST API is on).
 */
export const TARGETS_PATH = 'api/v1/targets';

/** The path of a target's explanation (`GET`), from the root. */
export function explainPath(applicationUuid: string): string {
  return `/${TARGETS_PATH}/${encodeURIComponent(applicationUuid)}/explain`;
}
