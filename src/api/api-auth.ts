import { safeEqual } from '../discovery/sd-auth';

/** Whether an Authorization header carries `Bearer <token>` (compared in constant time). */
export function bearerTokenMatches(token: string, authorization: string | undefined): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match !== null && safeEqual(match[1], token);
}
