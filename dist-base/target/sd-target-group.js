"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.APPLICATION_UUID_LABEL = void 0;
exports.targetAddress = targetAddress;
exports.compareIds = compareIds;
exports.sdTargetGroup = sdTargetGroup;
exports.APPLICATION_UUID_LABEL = '__meta_registry_application_uuid';
function targetAddress(host, port) {
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
function compareIds(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function sdTargetGroup(registration) {
    const names = Object.keys(registration.labels).sort(compareIds);
    const labels = Object.fromEntries([
        ['__metrics_path__', registration.path],
        ['__scheme__', registration.scheme],
        [exports.APPLICATION_UUID_LABEL, registration.applicationUuid],
        ...names.map((name) => [name, registration.labels[name]]),
    ]);
    return { targets: [targetAddress(registration.host, registration.port)], labels };
}
//# sourceMappingURL=sd-target-group.js.map