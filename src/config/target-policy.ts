/**
 * The syntax of the target policy's variables (SPEC §4): REGISTRY_ALLOWED_HOSTS,
 * REGISTRY_DENIED_HOSTS, REGISTRY_ALLOWED_PORTS. The decision itself is target/target.policy,
 * which takes this same shape.
 */
import { isIP } from 'node:net';
import { isIpv4, isIpv6 } from '../target/ip-address';
import type { HostPattern, PortRange } from '../target/target.policy';
import { isHostName, isNumericHost } from '../target/target.rules';
import { ConfigError } from './config-error';

/**
 * Denied unless REGISTRY_DENIED_HOSTS starts with "none": loopback, unspecified and link-local
 * addresses (169.254.169.254 is the cloud metadata service), the cloud metadata addresses outside
 * link-local, and the names that resolve to loopback or metadata in a usual /etc/hosts or cloud.
 */
export const DEFAULT_DENIED_HOSTS = [
  '127.0.0.0/8',
  '::1',
  '0.0.0.0/8',
  '::',
  '169.254.0.0/16',
  'fe80::/10',
  'fd00:ec2::254',
  '100.100.100.200',
  'localhost',
  '*.localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
  'metadata.google.internal',
].join(',');

const NO_DEFAULTS = 'none';

function entries(value: string, name: string): string[] {
  const list = value.split(',').map((entry) => entry.trim().toLowerCase());
  if (list.includes('')) throw new ConfigError(name, `has an empty entry in "${value}"`);
  return list;
}

function notAPattern(entry: string, name: string): ConfigError {
  return new ConfigError(
    name,
    `has "${entry}", which is not a host name, a *.suffix wildcard, an IP address or a CIDR network`,
  );
}

function network(entry: string, name: string): HostPattern {
  const [address, prefix, ...rest] = entry.split('/');
  const whole = isIpv4(address) ? 32 : isIpv6(address) ? 128 : 0;
  if (whole === 0) throw notAPattern(entry, name);
  if (rest.length > 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > whole) {
    throw new ConfigError(name, `has "${entry}", whose prefix length is not 0 to ${whole}`);
  }
  return { kind: 'network', address, prefixLength: Number(prefix) };
}

function hostPattern(raw: string, name: string): HostPattern {
  const entry = raw.replace(/\.$/, '');
  if (entry.includes('/')) return network(entry, name);
  if (isIpv4(entry) || isIpv6(entry)) {
    return { kind: 'network', address: entry, prefixLength: isIpv4(entry) ? 32 : 128 };
  }
  const wildcard = entry.startsWith('*.');
  const host = wildcard ? entry.slice(2) : entry;
  // A name by the SPEC §2.1 host rules, never numbers a resolver could read as IPv4.
  if (!isHostName(host) || isNumericHost(host)) throw notAPattern(raw, name);
  return wildcard ? { kind: 'suffix', suffix: `.${host}` } : { kind: 'name', name: host };
}

/** REGISTRY_ALLOWED_HOSTS: host names, `*.suffix` wildcards, IP addresses and CIDR networks. */
export function hostPatterns(value: string, name: string): HostPattern[] {
  const list = entries(value, name);
  // Read as a host named "none", it would allow nothing: the likely intent is the opposite.
  if (list.includes(NO_DEFAULTS)) {
    throw new ConfigError(name, `has "${NO_DEFAULTS}": leave it unset to allow any host`);
  }
  return list.map((entry) => hostPattern(entry, name));
}

/** REGISTRY_DENIED_HOSTS: the defaults plus the entries, or after a leading "none" the entries alone. */
export function deniedHostPatterns(value: string, name: string): HostPattern[] {
  const list = entries(value, name);
  const own = list[0] === NO_DEFAULTS ? list.slice(1) : list;
  if (own.includes(NO_DEFAULTS)) {
    throw new ConfigError(name, `may have "${NO_DEFAULTS}" only as its first entry`);
  }
  const patterns = [
    ...(list[0] === NO_DEFAULTS ? [] : entries(DEFAULT_DENIED_HOSTS, name)),
    ...own,
  ].map((entry) => hostPattern(entry, name));
  const unique = new Map(patterns.map((pattern) => [JSON.stringify(pattern), pattern]));
  return [...unique.values()];
}

/** REGISTRY_ALLOWED_PORTS: ports and ranges, `9100-9199,8080`. */
export function portRanges(value: string, name: string): PortRange[] {
  return entries(value, name).map((entry) => {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
    const from = Number(match?.[1]);
    const to = Number(match?.[2] ?? match?.[1]);
    if (match === null || from < 1 || to > 65535 || from > to) {
      throw new ConfigError(
        name,
        `has "${entry}", which is not a port or a range from-to of 1-65535`,
      );
    }
    return { from, to };
  });
}

/** HOST: the address (or a name of this machine) the HTTP server binds to. */
export function bindAddress(value: string, name: string): string {
  if (isIP(value) === 0 && !isHostName(value)) {
    throw new ConfigError(name, `must be an IP address or a host name, got "${value}"`);
  }
  return value;
}
