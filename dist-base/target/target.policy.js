"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DENIED_HOSTS = exports.ALLOWED_PORTS = exports.ALLOWED_HOSTS = void 0;
exports.targetPolicyProblem = targetPolicyProblem;
const ip_address_1 = require("./ip-address");
exports.ALLOWED_HOSTS = 'REGISTRY_ALLOWED_HOSTS';
exports.ALLOWED_PORTS = 'REGISTRY_ALLOWED_PORTS';
exports.DENIED_HOSTS = 'REGISTRY_DENIED_HOSTS';
const networkBases = new WeakMap();
function networkOf(pattern) {
    let network = networkBases.get(pattern);
    if (network === undefined) {
        const base = (0, ip_address_1.parseIpAddress)(pattern.address);
        if (base === null)
            throw new RangeError(`not an IP address: ${pattern.address}`);
        const v4 = (0, ip_address_1.isIpv4)(pattern.address);
        network = { base, prefixLength: pattern.prefixLength + (v4 ? ip_address_1.IPV4_PREFIX_OFFSET : 0) };
        networkBases.set(pattern, network);
    }
    return network;
}
function matches(pattern, name, address) {
    switch (pattern.kind) {
        case 'name':
            return address === null && name === pattern.name;
        case 'suffix':
            return address === null && name.endsWith(pattern.suffix);
        case 'network': {
            if (address === null)
                return false;
            const { base, prefixLength } = networkOf(pattern);
            return (0, ip_address_1.inNetwork)(address, base, prefixLength);
        }
    }
}
function describeHostPattern(pattern) {
    switch (pattern.kind) {
        case 'name':
            return pattern.name;
        case 'suffix':
            return `*${pattern.suffix}`;
        case 'network': {
            const whole = (0, ip_address_1.isIpv4)(pattern.address) ? 32 : 128;
            return pattern.prefixLength === whole
                ? pattern.address
                : `${pattern.address}/${pattern.prefixLength}`;
        }
    }
}
function targetPolicyProblem(policy, target) {
    const lower = target.host.toLowerCase();
    const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
    const last = name.charCodeAt(name.length - 1);
    const maybeAddress = (last >= 0x30 && last <= 0x39) || name.includes(':');
    const address = maybeAddress ? (0, ip_address_1.parseIpAddress)(name) : null;
    for (const pattern of policy.deniedHosts) {
        if (matches(pattern, name, address)) {
            return `host: denied by ${exports.DENIED_HOSTS} (${describeHostPattern(pattern)})`;
        }
    }
    if (policy.allowedHosts !== null &&
        !policy.allowedHosts.some((pattern) => matches(pattern, name, address))) {
        return `host: not allowed by ${exports.ALLOWED_HOSTS}`;
    }
    if (policy.allowedPorts !== null &&
        !policy.allowedPorts.some(({ from, to }) => target.port >= from && target.port <= to)) {
        return `port: not allowed by ${exports.ALLOWED_PORTS}`;
    }
    return null;
}
//# sourceMappingURL=target.policy.js.map