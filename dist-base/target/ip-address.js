"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IPV4_PREFIX_OFFSET = void 0;
exports.isIpv4 = isIpv4;
exports.parseIpAddress = parseIpAddress;
exports.isIpv6 = isIpv6;
exports.inNetwork = inNetwork;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;
function isIpv4(text) {
    return IPV4.test(text);
}
function ipv4Bytes(text) {
    return isIpv4(text) ? text.split('.').map(Number) : null;
}
function ipv6Bytes(text) {
    if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text))
        return null;
    let head = text;
    let tail = [];
    const lastColon = text.lastIndexOf(':');
    if (text.slice(lastColon + 1).includes('.')) {
        const v4 = ipv4Bytes(text.slice(lastColon + 1));
        if (v4 === null)
            return null;
        tail = v4;
        head = text.slice(0, text[lastColon - 1] === ':' ? lastColon + 1 : lastColon);
    }
    const halves = head.split('::');
    if (halves.length > 2)
        return null;
    const groups = (part) => (part === '' ? [] : part.split(':'));
    const left = groups(halves[0]);
    const right = halves.length === 2 ? groups(halves[1]) : [];
    if (![...left, ...right].every((g) => IPV6_GROUP.test(g)))
        return null;
    const given = (left.length + right.length) * 2 + tail.length;
    if (halves.length === 2 ? given > 14 : given !== 16)
        return null;
    const bytesOf = (gs) => gs.flatMap((g) => {
        const n = parseInt(g, 16);
        return [n >> 8, n & 0xff];
    });
    return [...bytesOf(left), ...new Array(16 - given).fill(0), ...bytesOf(right), ...tail];
}
function parseIpAddress(text) {
    const v4 = ipv4Bytes(text);
    if (v4 !== null)
        return Uint8Array.from([...new Array(10).fill(0), 0xff, 0xff, ...v4]);
    const v6 = ipv6Bytes(text);
    return v6 === null ? null : Uint8Array.from(v6);
}
function isIpv6(text) {
    return ipv6Bytes(text) !== null;
}
exports.IPV4_PREFIX_OFFSET = 96;
function inNetwork(address, base, prefixLength) {
    const whole = prefixLength >> 3;
    for (let i = 0; i < whole; i++)
        if (address[i] !== base[i])
            return false;
    const bits = prefixLength & 7;
    if (bits === 0)
        return true;
    const mask = (0xff << (8 - bits)) & 0xff;
    return (address[whole] & mask) === (base[whole] & mask);
}
//# sourceMappingURL=ip-address.js.map