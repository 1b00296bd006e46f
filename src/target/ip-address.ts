/**
 * IP addresses as 16 bytes, so that one comparison covers every spelling: an IPv4 address is
 * held as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), which is also how a dual-stack socket
 * reaches it, and an IPv6 address is the same whatever its case, zero compression or leading zeros.
 */
export type IpAddress = Uint8Array;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Dotted-decimal IPv4 (a.b.c.d, each 0–255, no leading zeros): the only IPv4 form accepted. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

function ipv4Bytes(text: string): number[] | null {
  return isIpv4(text) ? text.split('.').map(Number) : null;
}

function ipv6Bytes(text: string): number[] | null {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = v4;
    // "::1.2.3.4" keeps its "::"; "a:b:...:1.2.3.4" loses only the separator before the IPv4 part.
    head = text.slice(0, text[lastColon - 1] === ':' ? lastColon + 1 : lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (![...left, ...right].every((g) => IPV6_GROUP.test(g))) return null;
  const given = (left.length + right.length) * 2 + tail.length;
  if (halves.length === 2 ? given > 14 : given !== 16) return null;
  const bytesOf = (gs: string[]) =>
    gs.flatMap((g) => {
      const n = parseInt(g, 16);
      return [n >> 8, n & 0xff];
    });
  return [...bytesOf(left), ...new Array<number>(16 - given).fill(0), ...bytesOf(right), ...tail];
}

/** The address an IPv4 or IPv6 literal (without brackets or zone) names, or null. */
export function parseIpAddress(text: string): IpAddress | null {
  const v4 = ipv4Bytes(text);
  if (v4 !== null) return Uint8Array.from([...new Array<number>(10).fill(0), 0xff, 0xff, ...v4]);
  const v6 = ipv6Bytes(text);
  return v6 === null ? null : Uint8Array.from(v6);
}

/** Whether an IPv6 literal (IPv4-mapped included) is valid. */
export function isIpv6(text: string): boolean {
  return ipv6Bytes(text) !== null;
}

/** Where an IPv4 prefix length starts in the 16-byte form. */
export const IPV4_PREFIX_OFFSET = 96;

/** Whether `address` lies in the network of `base` whose first `prefixLength` bits (of 128) count. */
export function inNetwork(address: IpAddress, base: IpAddress, prefixLength: number): boolean {
  const whole = prefixLength >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== base[i]) return false;
  const bits = prefixLength & 7;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return (address[whole] & mask) === (base[whole] & mask);
}
