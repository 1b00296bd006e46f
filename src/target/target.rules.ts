import { isIpv4, isIpv6 } from './ip-address';
import { DEFAULT_PATH } from './registration';

/**
 * The rules of SPEC §2.1 as plain checks, shared by the command DTOs, the state-record reader,
 * the REST API and the application-side client: one source of truth for what a target is.
 */
export const APPLICATION_UUID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const MAX_LABELS = 32;
export const MAX_LABEL_VALUE_LENGTH = 1024;
export const MAX_PATH_LENGTH = 1024;
export const MIN_TTL_SECONDS = 5;
export const MAX_TTL_SECONDS = 86400;
/** Commands larger than this go to the DLQ unread. */
export const MAX_COMMAND_BYTES = 64 * 1024;

/** Labels of 1 to 63 letters, digits, "_" or "-" (not first or last), joined by single dots. */
const HOST_NAME =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;
/** Numbers between dots (decimal, octal or 0x hexadecimal): what resolvers read as an IPv4 address. */
const NUMERIC_HOST = /^(\d+|0x[0-9a-f]*)(\.(\d+|0x[0-9a-f]*))*$/i;

/** Numbers between dots, which a resolver may read as an IPv4 address whatever their spelling. */
export function isNumericHost(host: string): boolean {
  return NUMERIC_HOST.test(host);
}

export function isHostName(host: string): boolean {
  return host.length <= 253 && HOST_NAME.test(host);
}

/**
 * Why a host breaks SPEC §2.1, or null. A host made only of numbers must be dotted-decimal IPv4:
 * `2130706433`, `0x7f.1`, `0177.0.0.1` or `127.1` would reach 127.0.0.1 through a resolver that
 * reads them as IPv4 (inet_aton), past any CIDR rule; `999.999.999.999` is no address at all.
 */
export function hostProblem(host: string): string | null {
  // Names first, nearly every host is one: no name that is not all numbers is an address.
  if (isHostName(host) && !isNumericHost(host)) return null;
  if (isIpv4(host) || isIpv6(host)) return null;
  if (isNumericHost(host)) {
    return 'is made of numbers but is not a dotted-decimal IPv4 address (a.b.c.d, each 0-255, no leading zeros)';
  }
  return 'must be a host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address, without scheme, port or path';
}

/** A host name, an IPv4 address or an IPv6 address (without brackets). */
export function isTargetHost(host: string): boolean {
  return hostProblem(host) === null;
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_PATH = /[?#\s\u0000-\u001f\u007f]/;
/** Half of a UTF-16 pair without the other half: text no UTF-8 encoder can write. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isMetricsPath(path: string): boolean {
  if (path === DEFAULT_PATH) return true;
  return (
    path.startsWith('/') &&
    path.length <= MAX_PATH_LENGTH &&
    !FORBIDDEN_IN_PATH.test(path) &&
    !LONE_SURROGATE.test(path)
  );
}

/** Why a label set breaks the rules, or null when it is fine; names are quoted as JSON strings. */
export function labelsProblem(labels: Record<string, unknown>): string | null {
  const names = Object.keys(labels);
  if (names.length > MAX_LABELS) return `must have at most ${MAX_LABELS} entries`;
  for (const name of names) {
    const value = labels[name];
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      return `name ${JSON.stringify(name)} must match ${LABEL_NAME.source} and not start with "__"`;
    }
    if (typeof value !== 'string') return `value of ${JSON.stringify(name)} must be a string`;
    if (value.length > MAX_LABEL_VALUE_LENGTH) {
      return `value of ${JSON.stringify(name)} must be at most ${MAX_LABEL_VALUE_LENGTH} characters`;
    }
    if (LONE_SURROGATE.test(value))
      return `value of ${JSON.stringify(name)} is not valid Unicode text`;
  }
  return null;
}

/** A port given as a number or a string of digits, or null when it is not a valid port. */
export function toPort(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}
