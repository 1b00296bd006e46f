import { createHash, timingSafeEqual } from 'node:crypto';

/** The credentials the SD endpoint accepts (SPEC §3.1); either one is enough when both are set. */
export interface SdCredentials {
  bearerToken: string | null;
  basicAuth: { username: string; password: string } | null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Equal in constant time, whatever the lengths. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function sdAuthRequired(credentials: SdCredentials): boolean {
  return credentials.bearerToken !== null || credentials.basicAuth !== null;
}

/** Whether an Authorization header value carries one of the configured credentials. */
export function sdAuthorized(
  credentials: SdCredentials,
  authorization: string | undefined,
): boolean {
  if (!sdAuthRequired(credentials)) return true;
  if (!authorization) return false;
  const space = authorization.indexOf(' ');
  const scheme = authorization.slice(0, space).toLowerCase();
  const value = authorization.slice(space + 1).trim();
  if (scheme === 'bearer' && credentials.bearerToken !== null) {
    return safeEqual(value, credentials.bearerToken);
  }
  if (scheme === 'basic' && credentials.basicAuth !== null) {
    const { username, password } = credentials.basicAuth;
    return safeEqual(Buffer.from(value, 'base64').toString('utf8'), `${username}:${password}`);
  }
  return false;
}
