"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPS = void 0;
exports.opOf = opOf;
exports.validateCommand = validateCommand;
exports.commandValue = commandValue;
const target_validation_1 = require("./target.validation");
exports.OPS = ['register', 'deregister'];
function opOf(input) {
    const op = typeof input === 'object' && input !== null ? input.op : null;
    return op === 'register' || op === 'deregister' ? op : null;
}
function validateCommand(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return { ok: false, error: 'value: must be a JSON object' };
    }
    const { op, ...rest } = input;
    if (op === 'register') {
        const target = (0, target_validation_1.validateTarget)(rest);
        return target.ok ? { ok: true, value: { op, target: target.value } } : target;
    }
    if (op === 'deregister') {
        const command = (0, target_validation_1.validateDeregister)(rest);
        return command.ok
            ? { ok: true, value: { op, applicationUuid: command.value.applicationUuid } }
            : command;
    }
    return { ok: false, error: `op: must be "register" or "deregister"` };
}
function commandValue(command) {
    return command.op === 'register'
        ? JSON.stringify({ op: 'register', ...command.target })
        : JSON.stringify({ op: 'deregister', applicationUuid: command.applicationUuid });
}
//# sourceMappingURL=command.js.map