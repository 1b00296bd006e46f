"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registrationJson = registrationJson;
function isoOrNull(epochMs) {
    return epochMs === null ? null : new Date(epochMs).toISOString();
}
function registrationJson(registration) {
    return {
        applicationUuid: registration.applicationUuid,
        host: registration.host,
        port: registration.port,
        path: registration.path,
        scheme: registration.scheme,
        labels: { ...registration.labels },
        expiresAt: isoOrNull(registration.expiresAt),
        updatedAt: isoOrNull(registration.updatedAt),
    };
}
//# sourceMappingURL=registration.json.js.map