"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SCHEME = exports.DEFAULT_PATH = void 0;
exports.registrationOf = registrationOf;
exports.leaseEnd = leaseEnd;
exports.DEFAULT_PATH = '/metrics';
exports.DEFAULT_SCHEME = 'http';
function registrationOf(target, at, leaseSlack = 0) {
    return {
        applicationUuid: target.applicationUuid,
        host: target.host,
        port: target.port,
        path: target.path ?? exports.DEFAULT_PATH,
        scheme: target.scheme ?? exports.DEFAULT_SCHEME,
        labels: { ...target.labels },
        expiresAt: leaseEnd(target, at, leaseSlack),
        updatedAt: at,
    };
}
function leaseEnd(target, at, leaseSlack = 0) {
    return target.ttlSeconds === undefined
        ? null
        : at + Math.round(target.ttlSeconds * 1000 * (1 + leaseSlack));
}
//# sourceMappingURL=registration.js.map