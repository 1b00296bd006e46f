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
exports.CommandExceptionFilter = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const registry_config_1 = require("../config/registry.config");
const escape_for_log_1 = require("../logging/escape-for-log");
const backoff_1 = require("../resilience/backoff");
const command_1 = require("../target/command");
const target_validation_1 = require("../target/target.validation");
const command_committer_1 = require("./command-committer");
const command_processor_1 = require("./command-processor");
const registry_metrics_1 = require("./registry.metrics");
const state_topic_writer_1 = require("./state-topic.writer");
const INTERNAL_ERROR_ATTEMPTS = 3;
let CommandExceptionFilter = class CommandExceptionFilter {
    config;
    processor;
    committer;
    writer;
    metrics;
    logger = new common_1.Logger('Commands');
    constructor(config, processor, committer, writer, metrics) {
        this.config = config;
        this.processor = processor;
        this.committer = committer;
        this.writer = writer;
        this.metrics = metrics;
    }
    catch(exception, host) {
        return (0, rxjs_1.from)(this.handle(exception, host.switchToRpc().getContext()));
    }
    async handle(exception, context) {
        let error = exception;
        if (!(error instanceof target_validation_1.InvalidTargetError)) {
            try {
                await this.retry(error, context);
                return;
            }
            catch (last) {
                error = last;
            }
        }
        const internal = !(error instanceof target_validation_1.InvalidTargetError);
        const reason = internal
            ? `internal error after ${INTERNAL_ERROR_ATTEMPTS} attempts (not a fault of the command): ${messageOf(error)}`
            : error.message;
        await this.committer.track(context, this.deadLetter(context, reason, internal));
    }
    async retry(first, context) {
        this.countInternal(first, context, 1);
        const { value } = context.getMessage();
        await (0, backoff_1.retryWithBackoff)(() => this.processor.apply(context, this.processor.decode(context.getTopic(), value)), {
            initialMs: 100,
            maxMs: 1000,
            attempts: INTERNAL_ERROR_ATTEMPTS - 1,
            retryIf: (error) => !(error instanceof target_validation_1.InvalidTargetError),
            onRetry: (error, attempt) => this.countInternal(error, context, attempt + 1),
        }).catch((error) => {
            if (!(error instanceof target_validation_1.InvalidTargetError)) {
                this.countInternal(error, context, INTERNAL_ERROR_ATTEMPTS);
            }
            throw error;
        });
    }
    countInternal(error, context, attempt) {
        this.metrics.internalErrors.inc();
        this.logger.error(`internal error on ${where(context)} (attempt ${attempt} of ${INTERNAL_ERROR_ATTEMPTS}): ${(0, escape_for_log_1.escapeForLog)(messageOf(error))}`);
    }
    async deadLetter(context, reason, internal) {
        const message = context.getMessage();
        const topic = context.getTopic();
        const error = oneLine(reason);
        const command = this.commandOf(topic, message.value);
        this.logger.warn(`${command} command ${where(context)} rejected: ${(0, escape_for_log_1.escapeForLog)(error)}`);
        await this.writer.deadLetter(message.key, message.value, {
            'x-error': error,
            'x-source-topic': topic,
            'x-source-partition': String(context.getPartition()),
            'x-source-offset': message.offset,
        }, { onRetry: (0, command_committer_1.heartbeatOf)(context) });
        this.metrics.commands.inc({ command, outcome: internal ? 'failed' : 'invalid' });
    }
    commandOf(topic, value) {
        if (topic === this.config.topics.register)
            return 'register';
        if (topic === this.config.topics.deregister)
            return 'deregister';
        const parsed = (0, target_validation_1.parseCommandValue)(value);
        return (parsed.ok ? (0, command_1.opOf)(parsed.value) : null) ?? 'unknown';
    }
};
exports.CommandExceptionFilter = CommandExceptionFilter;
exports.CommandExceptionFilter = CommandExceptionFilter = __decorate([
    (0, common_1.Catch)(),
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        command_processor_1.CommandProcessor,
        command_committer_1.CommandCommitter,
        state_topic_writer_1.StateTopicWriter,
        registry_metrics_1.RegistryMetrics])
], CommandExceptionFilter);
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
function oneLine(text) {
    return text.replace(/[\r\n]+/g, ' ');
}
function where(context) {
    return `${context.getTopic()}[${context.getPartition()}]@${context.getMessage().offset}`;
}
//# sourceMappingURL=command-exception.filter.js.map