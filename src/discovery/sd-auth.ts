import { basicAuthMatches, bearerTokenMatches } from '../auth/authorization';

/** The credentials the SD endpoint accepts (SPEC §3.1); either one is enough when both are set. */
export interface SdCredentials {
  bearerToken: string | null;
  basicAuth: { username: string; password: string } | null;
}

const REALM = 'metrics-registry';

export function sdAuthRequired(credentials: SdCredentials): boolean {
  return credentials.bearerToken !== null || credentials.basicAuth !== null;
}

/** Whether an Authorization header value carries one of the configured credentials. */
export function sdAuthorized(
  credentials: SdCredentials,
  authorization: string | undefined,
): boolean {
  if (!sdAuthRequired(credentials)) return true;
  const { bearerToken, basicAuth } = credentials;
  return (
    (bearerToken !== null && bearerTokenMatches(bearerToken, authorization)) ||
    (basicAuth !== null && basicAuthMatches(basicAuth, authorization))
  );
}

/** The WWW-Authenticate value of a 401: one challenge per configured scheme. */
export function sdAuthChallenge(credentials: SdCredentials): string {
  const challenges: string[] = [];
  if (credentials.bearerToken !== null) challenges.push(`Bearer realm="${REALM}"`);
  if (credentials.basicAuth !== null) challenges.push(`Basic realm="${REALM}", charset="UTF-8"`);
  return challenges.join(', ');
}
