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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandsController = exports.DEREGISTER = exports.REGISTER = exports.COMMAND = void 0;
const common_1 = require("@nestjs/common");
const microservices_1 = require("@nestjs/microservices");
const command_1 = require("../target/command");
const target_validation_1 = require("../target/target.validation");
const command_exception_filter_1 = require("./command-exception.filter");
const command_processor_1 = require("./command-processor");
const command_pipe_1 = require("./command.pipe");
exports.COMMAND = 'command';
exports.REGISTER = 'register';
exports.DEREGISTER = 'deregister';
let CommandsController = class CommandsController {
    processor;
    constructor(processor) {
        this.processor = processor;
    }
    command(command, context) {
        return this.processor.apply(context, command);
    }
    register(target, context) {
        return this.processor.apply(context, { op: 'register', target });
    }
    deregister(command, context) {
        return this.processor.apply(context, { op: 'deregister', ...command });
    }
};
exports.CommandsController = CommandsController;
__decorate([
    (0, microservices_1.EventPattern)(exports.COMMAND),
    __param(0, (0, microservices_1.Payload)(new command_pipe_1.CommandPipe(command_1.validateCommand))),
    __param(1, (0, microservices_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, microservices_1.KafkaContext]),
    __metadata("design:returntype", Promise)
], CommandsController.prototype, "command", null);
__decorate([
    (0, microservices_1.EventPattern)(exports.REGISTER),
    __param(0, (0, microservices_1.Payload)(new command_pipe_1.CommandPipe(target_validation_1.validateTarget))),
    __param(1, (0, microservices_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, microservices_1.KafkaContext]),
    __metadata("design:returntype", Promise)
], CommandsController.prototype, "register", null);
__decorate([
    (0, microservices_1.EventPattern)(exports.DEREGISTER),
    __param(0, (0, microservices_1.Payload)(new command_pipe_1.CommandPipe(target_validation_1.validateDeregister))),
    __param(1, (0, microservices_1.Ctx)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, microservices_1.KafkaContext]),
    __metadata("design:returntype", Promise)
], CommandsController.prototype, "deregister", null);
exports.CommandsController = CommandsController = __decorate([
    (0, common_1.Controller)(),
    (0, common_1.UseFilters)(command_exception_filter_1.CommandExceptionFilter),
    __metadata("design:paramtypes", [command_processor_1.CommandProcessor])
], CommandsController);
//# sourceMappingURL=commands.controller.js.map