"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandProcessor = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const command_1 = require("../target/command");
const target_policy_1 = require("../target/target.policy");
const target_validation_1 = require("../target/target.validation");
const command_committer_1 = require("./command-committer");
const registry_service_1 = require("./registry.service");
let CommandProcessor = class CommandProcessor {
    config;
    registry;
    committer;
    constructor(config, registry, committer) {
        this.config = config;
        this.registry = registry;
        this.committer = committer;
    }
    apply(context, command) {
        const { key, timestamp } = context.getMessage();
        const refused = command.op === 'register'
            ? ((0, target_validation_1.keyProblem)(key, command.target.applicationUuid) ??
                (0, target_policy_1.targetPolicyProblem)(this.config.targetPolicy, command.target))
            : (0, target_validation_1.keyProblem)(key, command.applicationUuid);
        if (refused !== null)
            throw new target_validation_1.InvalidTargetError(refused);
        const options = { onRetry: (0, command_committer_1.heartbeatOf)(context) };
        const write = command.op === 'register'
            ? this.registry
                .register(command.target, { ...options, sentAt: Number(timestamp) })
                .then(() => undefined)
            : this.registry.deregister(command.applicationUuid, options);
        return this.committer.track(context, write);
    }
    decode(topic, value) {
        const parsed = (0, target_validation_1.parseCommandValue)(value);
        if (!parsed.ok)
            throw new target_validation_1.InvalidTargetError(parsed.error);
        const command = this.validatorFor(topic)(parsed.value);
        if (!command.ok)
            throw new target_validation_1.InvalidTargetError(command.error);
        return command.value;
    }
    validatorFor(topic) {
        const { register, deregister } = this.config.topics;
        if (topic === register)
            return asCommand(target_validation_1.validateTarget, (target) => ({ op: 'register', target }));
        if (topic === deregister) {
            return asCommand(target_validation_1.validateDeregister, ({ applicationUuid }) => ({
                op: 'deregister',
                applicationUuid,
            }));
        }
        return command_1.validateCommand;
    }
};
exports.CommandProcessor = CommandProcessor;
exports.CommandProcessor = CommandProcessor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        registry_service_1.RegistryService,
        command_committer_1.CommandCommitter])
], CommandProcessor);
function asCommand(validate, toCommand) {
    return (input) => {
        const result = validate(input);
        return result.ok ? { ok: true, value: toCommand(result.value) } : result;
    };
}
//# sourceMappingURL=command-processor.js.map