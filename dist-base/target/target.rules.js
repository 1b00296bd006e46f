"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_COMMAND_BYTES = exports.MAX_TTL_SECONDS = exports.MIN_TTL_SECONDS = exports.MAX_PATH_LENGTH = exports.MAX_LABEL_VALUE_LENGTH = exports.MAX_LABELS = exports.LABEL_NAME = exports.APPLICATION_UUID = void 0;
exports.isNumericHost = isNumericHost;
exports.isHostName = isHostName;
exports.hostProblem = hostProblem;
exports.isTargetHost = isTargetHost;
exports.isMetricsPath = isMetricsPath;
exports.labelsProblem = labelsProblem;
exports.toPort = toPort;
const ip_address_1 = require("./ip-address");
const registration_1 = require("./registration");
exports.APPLICATION_UUID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;
exports.LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
exports.MAX_LABELS = 32;
exports.MAX_LABEL_VALUE_LENGTH = 1024;
exports.MAX_PATH_LENGTH = 1024;
exports.MIN_TTL_SECONDS = 5;
exports.MAX_TTL_SECONDS = 86400;
exports.MAX_COMMAND_BYTES = 64 * 1024;
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;
const NUMERIC_HOST = /^(\d+|0x[0-9a-f]*)(\.(\d+|0x[0-9a-f]*))*$/i;
function isNumericHost(host) {
    return NUMERIC_HOST.test(host);
}
function isHostName(host) {
    return host.length <= 253 && HOST_NAME.test(host);
}
function hostProblem(host) {
    if (isHostName(host) && !isNumericHost(host))
        return null;
    if ((0, ip_address_1.isIpv4)(host) || (0, ip_address_1.isIpv6)(host))
        return null;
    if (isNumericHost(host)) {
        return 'is made of numbers but is not a dotted-decimal IPv4 address (a.b.c.d, each 0-255, no leading zeros)';
    }
    return 'must be a host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address, without scheme, port or path';
}
function isTargetHost(host) {
    return hostProblem(host) === null;
}
const FORBIDDEN_IN_PATH = /[?#\s\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function isMetricsPath(path) {
    if (path === registration_1.DEFAULT_PATH)
        return true;
    return (path.startsWith('/') &&
        path.length <= exports.MAX_PATH_LENGTH &&
        !FORBIDDEN_IN_PATH.test(path) &&
        !LONE_SURROGATE.test(path));
}
function labelsProblem(labels) {
    const names = Object.keys(labels);
    if (names.length > exports.MAX_LABELS)
        return `must have at most ${exports.MAX_LABELS} entries`;
    for (const name of names) {
        const value = labels[name];
        if (!exports.LABEL_NAME.test(name) || name.startsWith('__')) {
            return `name ${JSON.stringify(name)} must match ${exports.LABEL_NAME.source} and not start with "__"`;
        }
        if (typeof value !== 'string')
            return `value of ${JSON.stringify(name)} must be a string`;
        if (value.length > exports.MAX_LABEL_VALUE_LENGTH) {
            return `value of ${JSON.stringify(name)} must be at most ${exports.MAX_LABEL_VALUE_LENGTH} characters`;
        }
        if (LONE_SURROGATE.test(value))
            return `value of ${JSON.stringify(name)} is not valid Unicode text`;
    }
    return null;
}
function toPort(value) {
    const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}
//# sourceMappingURL=target.rules.js.map