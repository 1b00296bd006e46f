"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.targetState = targetState;
const registry_1 = require("../registry");
function targetState(registration, snapshot) {
    if ((0, registry_1.isExpired)(registration, snapshot.leaseNow))
        return 'expired';
    return snapshot.brakeEngaged && (0, registry_1.isExpired)(registration, snapshot.now) ? 'held' : 'served';
}
//# sourceMappingURL=target-state.js.map