import {
  basicAuthMatches,
  bearerTokenMatches,
  parseAuthorization,
  safeEqual,
} from '../auth/authorization';

/**
 * Who may read the status page and explain (SPEC §3.7): they show what the SD endpoint and the
 * REST API show, so any credential of either opens them, and none is needed when neither is
 * protected. A browser cannot send a bearer token for a page, so a token is also accepted as the
 * password of basic auth, whatever the user name.
 */
export interface StatusCredentials {
  bearerTokens: string[];
  basicAuth: { username: string; password: string } | null;
}

export function statusCredentials(config: {
  sdBearerToken: string | null;
  sdBasicAuth: { username: string; password: string } | null;
  apiToken: string | null;
}): StatusCredentials {
  return {
    bearerTokens: [config.sdBearerToken, config.apiToken].filter((t): t is string => t !== null),
    basicAuth: config.sdBasicAuth,
  };
}

export function statusAuthRequired(credentials: StatusCredentials): boolean {
  return credentials.bearerTokens.length > 0 || credentials.basicAuth !== null;
}

/** The password of a basic auth header, or null. */
function basicPassword(authorization: string | undefined): string | null {
  const parsed = parseAuthorization(authorization);
  if (parsed === null || parsed.scheme !== 'basic') return null;
  const decoded = Buffer.from(parsed.credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/** Every configured credential is compared (in constant time), whichever matches. */
export function statusAuthorized(
  credentials: StatusCredentials,
  authorization: string | undefined,
): boolean {
  if (!statusAuthRequired(credentials)) return true;
  const password = basicPassword(authorization);
  const matches = [
    ...credentials.bearerTokens.map((token) => bearerTokenMatches(token, authorization)),
    ...credentials.bearerTokens.map((token) => password !== null && safeEqual(password, token)),
    credentials.basicAuth !== null && basicAuthMatches(credentials.basicAuth, authorization),
  ];
  return matches.includes(true);
}

/** The WWW-Authenticate value of a 401: basic first, so that a browser asks for a login. */
export const STATUS_AUTH_CHALLENGE =
  'Basic realm="metrics-registry", charset="UTF-8", Bearer realm="metrics-registry"';
