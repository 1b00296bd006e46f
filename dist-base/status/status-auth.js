"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS_AUTH_CHALLENGE = void 0;
exports.statusCredentials = statusCredentials;
exports.statusAuthRequired = statusAuthRequired;
exports.statusAuthorized = statusAuthorized;
const authorization_1 = require("../auth/authorization");
function statusCredentials(config) {
    return {
        bearerTokens: [config.sdBearerToken, config.apiToken].filter((t) => t !== null),
        basicAuth: config.sdBasicAuth,
    };
}
function statusAuthRequired(credentials) {
    return credentials.bearerTokens.length > 0 || credentials.basicAuth !== null;
}
function basicPassword(authorization) {
    const parsed = (0, authorization_1.parseAuthorization)(authorization);
    if (parsed === null || parsed.scheme !== 'basic')
        return null;
    const decoded = Buffer.from(parsed.credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? null : decoded.slice(colon + 1);
}
function statusAuthorized(credentials, authorization) {
    if (!statusAuthRequired(credentials))
        return true;
    const password = basicPassword(authorization);
    const matches = [
        ...credentials.bearerTokens.map((token) => (0, authorization_1.bearerTokenMatches)(token, authorization)),
        ...credentials.bearerTokens.map((token) => password !== null && (0, authorization_1.safeEqual)(password, token)),
        credentials.basicAuth !== null && (0, authorization_1.basicAuthMatches)(credentials.basicAuth, authorization),
    ];
    return matches.includes(true);
}
exports.STATUS_AUTH_CHALLENGE = 'Basic realm="metrics-registry", charset="UTF-8", Bearer realm="metrics-registry"';
//# sourceMappingURL=status-auth.js.map