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
var RegistryService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.RegistryService = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const command_consumer_status_1 = require("../kafka/command-consumer.status");
const escape_for_log_1 = require("../logging/escape-for-log");
const registration_1 = require("../target/registration");
const registry_metrics_1 = require("./registry.metrics");
const renewals_1 = require("./renewals");
const state_history_1 = require("./state-history");
const state_topic_reader_1 = require("./state-topic.reader");
const state_topic_writer_1 = require("./state-topic.writer");
const target_view_1 = require("./target-view");
let RegistryService = RegistryService_1 = class RegistryService {
    config;
    writer;
    metrics;
    view;
    reader;
    consumer;
    logger = new common_1.Logger(RegistryService_1.name);
    renewals = new renewals_1.RenewalCoalescer();
    constructor(config, writer, metrics, view, reader, consumer) {
        this.config = config;
        this.writer = writer;
        this.metrics = metrics;
        this.view = view;
        this.reader = reader;
        this.consumer = consumer;
    }
    async register(target, options = {}) {
        const { sentAt, ...writeOptions } = options;
        const now = Date.now();
        const at = sentAt === undefined || !Number.isFinite(sentAt) ? now : Math.min(sentAt, now);
        const registration = (0, registration_1.registrationOf)(target, at, this.config.leaseSlack);
        const requestedUntil = (0, registration_1.leaseEnd)(target, at);
        if (requestedUntil !== null && requestedUntil <= now) {
            this.metrics.commands.inc({ command: 'register', outcome: 'expired' });
            this.logger.warn(`register of ${(0, escape_for_log_1.escapeForLog)(target.applicationUuid)} not served: its lease of ` +
                `${target.ttlSeconds} s ran out ${now - requestedUntil} ms before it was processed`);
            return { outcome: 'expired', registration };
        }
        const trusted = this.reader.syncedSince(this.consumer.joinedAt, now);
        const covering = this.renewals.covering({ registration, requestedUntil }, this.view.get(target.applicationUuid), now, trusted);
        if (covering !== null) {
            this.metrics.commands.inc({ command: 'register', outcome: 'accepted' });
            this.metrics.renewalsCovered.inc();
            return { outcome: 'covered', registration: covering };
        }
        this.renewals.wrote(registration.applicationUuid, registration, now);
        await this.counted('register', this.writer.put(registration, writeOptions));
        return { outcome: 'written', registration };
    }
    async deregister(applicationUuid, options = {}) {
        this.renewals.wrote(applicationUuid, null, Date.now());
        await this.counted('deregister', this.writer.delete(applicationUuid, options, (0, state_history_1.deregisterHeaders)()));
    }
    async counted(command, write) {
        try {
            await write;
        }
        catch (error) {
            this.metrics.commands.inc({ command, outcome: 'failed' });
            throw error;
        }
        this.metrics.commands.inc({ command, outcome: 'accepted' });
    }
};
exports.RegistryService = RegistryService;
exports.RegistryService = RegistryService = RegistryService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        state_topic_writer_1.StateTopicWriter,
        registry_metrics_1.RegistryMetrics,
        target_view_1.TargetView,
        state_topic_reader_1.StateTopicReader,
        command_consumer_status_1.CommandConsumerStatus])
], RegistryService);
//# sourceMappingURL=registry.service.js.map