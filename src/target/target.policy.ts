import { IPV4_PREFIX_OFFSET, IpAddress, inNetwork, isIpv4, parseIpAddress } from './ip-address';

/**
 * Who may register what (SPEC §2.1, target policy): which hosts and ports a registration may
 * name, on top of the rules of what a target is. The configuration parses the variables into
 * this shape; the decision is here, a pure function shared by every path (commands, REST API,
 * state topic).
 */

/** One entry of REGISTRY_ALLOWED_HOSTS or REGISTRY_DENIED_HOSTS, lower case, no trailing dot. */
export type HostPattern =
  | { kind: 'name'; name: string }
  /** `*.example.com` held as ".example.com": any name ending in it, not the name itself. */
  | { kind: 'suffix'; suffix: string }
  /** An IPv4 (prefix 0–32) or IPv6 (0–128) network; a single address has the full prefix. */
  | { kind: 'network'; address: string; prefixLength: number };

export interface PortRange {
  from: number;
  to: number;
}

export interface TargetPolicy {
  /** null: any host (that is not denied). */
  allowedHosts: readonly HostPattern[] | null;
  /** null: any port. */
  allowedPorts: readonly PortRange[] | null;
  /** Wins over allowedHosts. */
  deniedHosts: readonly HostPattern[];
}

export const ALLOWED_HOSTS = 'REGISTRY_ALLOWED_HOSTS';
export const ALLOWED_PORTS = 'REGISTRY_ALLOWED_PORTS';
export const DENIED_HOSTS = 'REGISTRY_DENIED_HOSTS';

/** A network pattern's address in the 16-byte form, parsed once per pattern. */
const networkBases = new WeakMap<HostPattern, { base: IpAddress; prefixLength: number }>();

function networkOf(pattern: HostPattern & { kind: 'network' }) {
  let network = networkBases.get(pattern);
  if (network === undefined) {
    const base = parseIpAddress(pattern.address);
    if (base === null) throw new RangeError(`not an IP address: ${pattern.address}`);
    const v4 = isIpv4(pattern.address);
    network = { base, prefixLength: pattern.prefixLength + (v4 ? IPV4_PREFIX_OFFSET : 0) };
    networkBases.set(pattern, network);
  }
  return network;
}

function matches(pattern: HostPattern, name: string, address: IpAddress | null): boolean {
  switch (pattern.kind) {
    case 'name':
      return address === null && name === pattern.name;
    case 'suffix':
      return address === null && name.endsWith(pattern.suffix);
    case 'network': {
      if (address === null) return false;
      const { base, prefixLength } = networkOf(pattern);
      return inNetwork(address, base, prefixLength);
    }
  }
}

/** A pattern as an operator would write it. */
function describeHostPattern(pattern: HostPattern): string {
  switch (pattern.kind) {
    case 'name':
      return pattern.name;
    case 'suffix':
      return `*${pattern.suffix}`;
    case 'network': {
      const whole = isIpv4(pattern.address) ? 32 : 128;
      return pattern.prefixLength === whole
        ? pattern.address
        : `${pattern.address}/${pattern.prefixLength}`;
    }
  }
}

/**
 * Why the policy refuses a target, naming the field and the variable, or null when it may be
 * served. Hosts compare case-insensitively, without a trailing dot, and addresses by value: an
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1, ::ffff:7f00:1) is the IPv4 address it maps. The
 * host is one that passed SPEC §2.1, so no numeric IPv4 form other than dotted decimal reaches here.
 */
export function targetPolicyProblem(
  policy: TargetPolicy,
  target: { host: string; port: number },
): string | null {
  const lower = target.host.toLowerCase();
  const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  // Every IPv4 address ends in a digit and every IPv6 address holds a colon: most host names
  // are not parsed as addresses at all (the state topic checks each record at start-up).
  const last = name.charCodeAt(name.length - 1);
  const maybeAddress = (last >= 0x30 && last <= 0x39) || name.includes(':');
  const address = maybeAddress ? parseIpAddress(name) : null;
  for (const pattern of policy.deniedHosts) {
    if (matches(pattern, name, address)) {
      return `host: denied by ${DENIED_HOSTS} (${describeHostPattern(pattern)})`;
    }
  }
  if (
    policy.allowedHosts !== null &&
    !policy.allowedHosts.some((pattern) => matches(pattern, name, address))
  ) {
    return `host: not allowed by ${ALLOWED_HOSTS}`;
  }
  if (
    policy.allowedPorts !== null &&
    !policy.allowedPorts.some(({ from, to }) => target.port >= from && target.port <= to)
  ) {
    return `port: not allowed by ${ALLOWED_PORTS}`;
  }
  return null;
}
