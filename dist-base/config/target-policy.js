"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_DENIED_HOSTS = void 0;
exports.hostPatterns = hostPatterns;
exports.deniedHostPatterns = deniedHostPatterns;
exports.portRanges = portRanges;
exports.bindAddress = bindAddress;
const node_net_1 = require("node:net");
const ip_address_1 = require("../target/ip-address");
const target_rules_1 = require("../target/target.rules");
const config_error_1 = require("./config-error");
exports.DEFAULT_DENIED_HOSTS = [
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
function entries(value, name) {
    const list = value.split(',').map((entry) => entry.trim().toLowerCase());
    if (list.includes(''))
        throw new config_error_1.ConfigError(name, `has an empty entry in "${value}"`);
    return list;
}
function notAPattern(entry, name) {
    return new config_error_1.ConfigError(name, `has "${entry}", which is not a host name, a *.suffix wildcard, an IP address or a CIDR network`);
}
function network(entry, name) {
    const [address, prefix, ...rest] = entry.split('/');
    const whole = (0, ip_address_1.isIpv4)(address) ? 32 : (0, ip_address_1.isIpv6)(address) ? 128 : 0;
    if (whole === 0)
        throw notAPattern(entry, name);
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > whole) {
        throw new config_error_1.ConfigError(name, `has "${entry}", whose prefix length is not 0 to ${whole}`);
    }
    return { kind: 'network', address, prefixLength: Number(prefix) };
}
function hostPattern(raw, name) {
    const entry = raw.replace(/\.$/, '');
    if (entry.includes('/'))
        return network(entry, name);
    if ((0, ip_address_1.isIpv4)(entry) || (0, ip_address_1.isIpv6)(entry)) {
        return { kind: 'network', address: entry, prefixLength: (0, ip_address_1.isIpv4)(entry) ? 32 : 128 };
    }
    const wildcard = entry.startsWith('*.');
    const host = wildcard ? entry.slice(2) : entry;
    if (!(0, target_rules_1.isHostName)(host) || (0, target_rules_1.isNumericHost)(host))
        throw notAPattern(raw, name);
    return wildcard ? { kind: 'suffix', suffix: `.${host}` } : { kind: 'name', name: host };
}
function hostPatterns(value, name) {
    const list = entries(value, name);
    if (list.includes(NO_DEFAULTS)) {
        throw new config_error_1.ConfigError(name, `has "${NO_DEFAULTS}": leave it unset to allow any host`);
    }
    return list.map((entry) => hostPattern(entry, name));
}
function deniedHostPatterns(value, name) {
    const list = entries(value, name);
    const own = list[0] === NO_DEFAULTS ? list.slice(1) : list;
    if (own.includes(NO_DEFAULTS)) {
        throw new config_error_1.ConfigError(name, `may have "${NO_DEFAULTS}" only as its first entry`);
    }
    const patterns = [
        ...(list[0] === NO_DEFAULTS ? [] : entries(exports.DEFAULT_DENIED_HOSTS, name)),
        ...own,
    ].map((entry) => hostPattern(entry, name));
    const unique = new Map(patterns.map((pattern) => [JSON.stringify(pattern), pattern]));
    return [...unique.values()];
}
function portRanges(value, name) {
    return entries(value, name).map((entry) => {
        const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
        const from = Number(match?.[1]);
        const to = Number(match?.[2] ?? match?.[1]);
        if (match === null || from < 1 || to > 65535 || from > to) {
            throw new config_error_1.ConfigError(name, `has "${entry}", which is not a port or a range from-to of 1-65535`);
        }
        return { from, to };
    });
}
function bindAddress(value, name) {
    if ((0, node_net_1.isIP)(value) === 0 && !(0, target_rules_1.isHostName)(value)) {
        throw new config_error_1.ConfigError(name, `must be an IP address or a host name, got "${value}"`);
    }
    return value;
}
//# sourceMappingURL=target-policy.js.map