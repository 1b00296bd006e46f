"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerCommand = registerCommand;
exports.deregisterCommand = deregisterCommand;
exports.renewalIntervalMs = renewalIntervalMs;
const target_validation_1 = require("../target/target.validation");
function registerCommand(target) {
    const result = (0, target_validation_1.validateTarget)(target);
    if (!result.ok)
        throw new target_validation_1.InvalidTargetError(result.error);
    return result.value;
}
function deregisterCommand(applicationUuid) {
    const result = (0, target_validation_1.validateDeregister)({ applicationUuid });
    if (!result.ok)
        throw new target_validation_1.InvalidTargetError(result.error);
    return result.value;
}
function renewalIntervalMs(ttlSeconds) {
    return Math.floor((ttlSeconds * 1000) / 3);
}
//# sourceMappingURL=commands.js.map