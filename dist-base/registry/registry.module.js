"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RegistryModule = void 0;
const common_1 = require("@nestjs/common");
const kafka_module_1 = require("../kafka/kafka.module");
const command_committer_1 = require("./command-committer");
const command_exception_filter_1 = require("./command-exception.filter");
const command_processor_1 = require("./command-processor");
const commands_controller_1 = require("./commands.controller");
const dlq_tail_reader_1 = require("./dlq-tail.reader");
const lease_sweeper_1 = require("./lease-sweeper");
const registry_metrics_1 = require("./registry.metrics");
const registry_service_1 = require("./registry.service");
const registry_status_1 = require("./registry.status");
const served_targets_gauge_1 = require("./served-targets.gauge");
const state_history_1 = require("./state-history");
const state_topic_reader_1 = require("./state-topic.reader");
const state_topic_writer_1 = require("./state-topic.writer");
const target_view_1 = require("./target-view");
let RegistryModule = class RegistryModule {
};
exports.RegistryModule = RegistryModule;
exports.RegistryModule = RegistryModule = __decorate([
    (0, common_1.Module)({
        imports: [kafka_module_1.KafkaModule],
        controllers: [commands_controller_1.CommandsController],
        providers: [
            { provide: target_view_1.TargetView, useFactory: () => new target_view_1.TargetView() },
            registry_metrics_1.RegistryMetrics,
            served_targets_gauge_1.ServedTargetsGauge,
            registry_service_1.RegistryService,
            state_topic_writer_1.StateTopicWriter,
            state_topic_reader_1.StateTopicReader,
            lease_sweeper_1.LeaseSweeper,
            command_exception_filter_1.CommandExceptionFilter,
            command_committer_1.CommandCommitter,
            command_processor_1.CommandProcessor,
            { provide: state_history_1.StateHistory, useFactory: () => new state_history_1.StateHistory() },
            dlq_tail_reader_1.DlqTailReader,
            registry_status_1.RegistryStatus,
        ],
        exports: [kafka_module_1.KafkaModule, target_view_1.TargetView, state_topic_reader_1.StateTopicReader, registry_service_1.RegistryService, registry_status_1.RegistryStatus],
    })
], RegistryModule);
//# sourceMappingURL=registry.module.js.map