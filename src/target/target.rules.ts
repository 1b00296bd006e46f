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

const HOSTNAME_LABEL = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(host: string): boolean {
  return IPV4.test(host);
}

export function isIpv6(host: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':')) return false;
  let text = host;
  let groupsFromV4 = 0;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    text = text.slice(0, lastColon + 1) + '0';
    groupsFromV4 = 1;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = all.length + groupsFromV4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => label.length <= 63 && HOSTNAME_LABEL.test(label));
}

/** A host name, an IPv4 address or an IPv6 address (without brackets). */
export function isTargetHost(host: string): boolean {
  return isIpv4(host) || isIpv6(host) || isHostName(host);
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_PATH = /[?#\s\u0000-\u001f\u007f]/;

export function isMetricsPath(path: string): boolean {
  return path.startsWith('/') && path.length <= MAX_PATH_LENGTH && !FORBIDDEN_IN_PATH.test(path);
}

/** Why a label set breaks the rules, or null when it is fine. */
export function labelsProblem(labels: Record<string, unknown>): string | null {
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) return `must have at most ${MAX_LABELS} entries`;
  for (const [name, value] of entries) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      return `name "${name}" must match ${LABEL_NAME.source} and not start with "__"`;
    }
    if (typeof value !== 'string') return `value of "${name}" must be a string`;
    if (value.length > MAX_LABEL_VALUE_LENGTH) {
      return `value of "${name}" must be at most ${MAX_LABEL_VALUE_LENGTH} characters`;
    }
  }
  return null;
}

/** A port given as a number or a string of digits, or null when it is not a valid port. */
export function toPort(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}
