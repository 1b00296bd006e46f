import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Equal in constant time, whatever the lengths: both sides are hashed to 32 bytes first. */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** "Scheme credentials" of an Authorization header; the scheme is case-insensitive (RFC 7235). */
export function parseAuthorization(
  header: string | undefined,
): { scheme: string; credentials: string } | null {
  const match = /^(\S+)\s+(\S.*)$/.exec((header ?? '').trim());
  return match ? { scheme: match[1].toLowerCase(), credentials: match[2] } : null;
}

/** Whether an Authorization header carries `Bearer <token>` (compared in constant time). */
export function bearerTokenMatches(token: string, header: string | undefined): boolean {
  const parsed = parseAuthorization(header);
  return parsed !== null && parsed.scheme === 'bearer' && safeEqual(parsed.credentials, token);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether an Authorization header carries `Basic base64(user:password)` for these credentials. */
export function basicAuthMatches(
  expected: { username: string; password: string },
  header: string | undefined,
): boolean {
  const parsed = parseAuthorization(header);
  if (parsed === null || parsed.scheme !== 'basic' || !BASE64.test(parsed.credentials))
    return false;
  const given = Buffer.from(parsed.credentials, 'base64').toString('utf8');
  return safeEqual(given, `${expected.username}:${expected.password}`);
}
