"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandPipe = void 0;
const target_validation_1 = require("../target/target.validation");
class CommandPipe {
    validate;
    constructor(validate) {
        this.validate = validate;
    }
    transform(payload) {
        const bytes = Buffer.isBuffer(payload) ? payload : null;
        const parsed = (0, target_validation_1.parseCommandValue)(bytes);
        if (!parsed.ok)
            throw new target_validation_1.InvalidTargetError(parsed.error);
        const command = this.validate(parsed.value);
        if (!command.ok)
            throw new target_validation_1.InvalidTargetError(command.error);
        return command.value;
    }
}
exports.CommandPipe = CommandPipe;
//# sourceMappingURL=command.pipe.js.map