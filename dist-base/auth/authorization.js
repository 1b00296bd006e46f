"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.safeEqual = safeEqual;
exports.parseAuthorization = parseAuthorization;
exports.bearerTokenMatches = bearerTokenMatches;
exports.basicAuthMatches = basicAuthMatches;
const node_crypto_1 = require("node:crypto");
function digest(text) {
    return (0, node_crypto_1.createHash)('sha256').update(text, 'utf8').digest();
}
function safeEqual(given, expected) {
    return (0, node_crypto_1.timingSafeEqual)(digest(given), digest(expected));
}
function parseAuthorization(header) {
    const match = /^(\S+)\s+(\S.*)$/.exec((header ?? '').trim());
    return match ? { scheme: match[1].toLowerCase(), credentials: match[2] } : null;
}
function bearerTokenMatches(token, header) {
    const parsed = parseAuthorization(header);
    return parsed !== null && parsed.scheme === 'bearer' && safeEqual(parsed.credentials, token);
}
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
function basicAuthMatches(expected, header) {
    const parsed = parseAuthorization(header);
    if (parsed === null || parsed.scheme !== 'basic' || !BASE64.test(parsed.credentials))
        return false;
    const given = Buffer.from(parsed.credentials, 'base64').toString('utf8');
    return safeEqual(given, `${expected.username}:${expected.password}`);
}
//# sourceMappingURL=authorization.js.map