/**
 * Where the REST API lives (SPEC §3.5), apart from its controllers so that the HTTP set-up can
 * name the path without loading @nestjs/swagger, which only an enabled REST API needs.
 */
export const TARGETS_PATH = 'api/v1/targets';
