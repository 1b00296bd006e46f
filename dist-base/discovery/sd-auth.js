"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sdAuthRequired = sdAuthRequired;
exports.sdAuthorized = sdAuthorized;
exports.sdAuthChallenge = sdAuthChallenge;
const authorization_1 = require("../auth/authorization");
const REALM = 'metrics-registry';
function sdAuthRequired(credentials) {
    return credentials.bearerToken !== null || credentials.basicAuth !== null;
}
function sdAuthorized(credentials, authorization) {
    if (!sdAuthRequired(credentials))
        return true;
    const { bearerToken, basicAuth } = credentials;
    return ((bearerToken !== null && (0, authorization_1.bearerTokenMatches)(bearerToken, authorization)) ||
        (basicAuth !== null && (0, authorization_1.basicAuthMatches)(basicAuth, authorization)));
}
function sdAuthChallenge(credentials) {
    const challenges = [];
    if (credentials.bearerToken !== null)
        challenges.push(`Bearer realm="${REALM}"`);
    if (credentials.basicAuth !== null)
        challenges.push(`Basic realm="${REALM}", charset="UTF-8"`);
    return challenges.join(', ');
}
//# sourceMappingURL=sd-auth.js.map