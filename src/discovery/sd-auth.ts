import { createHash, timingSafeEqual } from 'node:crypto';

/** The credentials the SD endpoint accepts (SPEC §3.1); either one is enough when both are set. */
export interface SdCredentials {
  bearerToken: string | null;
  basicAuth: { username: string; password: string } | null;
}

const REALM = 'metrics-registry';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Equal in constant time, whatever the lengths: both sides are hashed to 32 bytes first. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function sdAuthRequired(credentials: SdCredentials): boolean {
  return credentials.bearerToken !== null || credentials.basicAuth !== null;
}

/** "Scheme value" of an Authorization header; the scheme is case-insensitive (RFC 7235). */
function parseAuthorization(header: string): { scheme: string; value: string } | null {
  const match = /^(\S+)\s+(\S.*)$/.exec(header.trim());
  return match ? { scheme: match[1].toLowerCase(), value: match[2] } : null;
}

/** Whether an Authorization header value carries one of the configured credentials. */
export function sdAuthorized(
  credentials: SdCredentials,
  authorization: string | undefined,
): boolean {
  if (!sdAuthRequired(credentials)) return true;
  const parsed = authorization ? parseAuthorization(authorization) : null;
  if (parsed === null) return false;
  if (parsed.scheme === 'bearer' && credentials.bearerToken !== null) {
    return safeEqual(parsed.value, credentials.bearerToken);
  }
  if (parsed.scheme === 'basic' && credentials.basicAuth !== null) {
    if (!BASE64.test(parsed.value)) return false;
    const { username, password } = credentials.basicAuth;
    const given = Buffer.from(parsed.value, 'base64').toString('utf8');
    return safeEqual(given, `${username}:${password}`);
  }
  return false;
}

/** The WWW-Authenticate value of a 401: one challenge per configured scheme. */
export function sdAuthChallenge(credentials: SdCredentials): string {
  const challenges: string[] = [];
  if (credentials.bearerToken !== null) challenges.push(`Bearer realm="${REALM}"`);
  if (credentials.basicAuth !== null) challenges.push(`Basic realm="${REALM}", charset="UTF-8"`);
  return challenges.join(', ');
}
