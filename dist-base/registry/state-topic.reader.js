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
var StateTopicReader_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.StateTopicReader = void 0;
const common_1 = require("@nestjs/common");
const kafkajs_1 = require("kafkajs");
const registry_config_1 = require("../config/registry.config");
const kafka_client_options_1 = require("../kafka/kafka-client.options");
const kafkajs_fetch_1 = require("../kafka/kafkajs-fetch");
const partition_reader_1 = require("../kafka/partition-reader");
const topic_admin_1 = require("../kafka/topic-admin");
const escape_for_log_1 = require("../logging/escape-for-log");
const backoff_1 = require("../resilience/backoff");
const catch_up_1 = require("./catch-up");
const lease_clock_1 = require("./lease-clock");
const registry_metrics_1 = require("./registry.metrics");
const state_record_1 = require("./state-record");
const state_history_1 = require("./state-history");
const target_view_1 = require("./target-view");
const MAX_FETCH_WAIT_MS = 500;
const FETCH_MARGIN_MS = 500;
const RESTART_BACKOFF_MAX_MS = 30_000;
let StateTopicReader = StateTopicReader_1 = class StateTopicReader {
    config;
    admin;
    view;
    metrics;
    history;
    logger = new common_1.Logger(StateTopicReader_1.name);
    kafka;
    reader = null;
    catchUp = null;
    running = false;
    stopping = new AbortController();
    clock = new lease_clock_1.LeaseClock();
    lastSyncedAt = 0;
    constructor(config, admin, view, metrics, history) {
        this.config = config;
        this.admin = admin;
        this.view = view;
        this.metrics = metrics;
        this.history = history;
        this.kafka = new kafkajs_1.Kafka((0, kafka_client_options_1.kafkaClientConfig)(config.kafka, 'state-reader'));
    }
    onApplicationBootstrap() {
        void this.keepReading();
    }
    get reading() {
        return this.running;
    }
    async keepReading() {
        await (0, backoff_1.retryWithBackoff)(async () => {
            try {
                this.reader = this.start();
                await this.reader;
            }
            finally {
                this.running = false;
            }
        }, {
            initialMs: 500,
            maxMs: RESTART_BACKOFF_MAX_MS,
            signal: this.stopping.signal,
            onRetry: (error, _attempt, delay) => this.logger.warn(`state topic reader could not start, retrying in ${delay} ms: ${error.message}`),
        }).catch(() => undefined);
    }
    get caughtUp() {
        return this.catchUp?.done ?? false;
    }
    inSync(now = Date.now()) {
        return this.running && this.caughtUp && this.clock.inSync(now);
    }
    holdLeases(at) {
        if (at === null)
            this.clock.release(Date.now());
        else
            this.clock.hold(at);
    }
    leaseClock() {
        return this.clock.read(Date.now());
    }
    syncedSince(since, now = Date.now()) {
        return this.inSync(now) && this.lastSyncedAt > since + MAX_FETCH_WAIT_MS + FETCH_MARGIN_MS;
    }
    markInSync() {
        if (this.caughtUp && this.catchUp.lag === 0) {
            const now = Date.now();
            this.clock.markInSync(now);
            this.lastSyncedAt = now;
        }
    }
    async start() {
        const topic = this.config.topics.state;
        this.catchUp ??= new catch_up_1.CatchUp(await this.admin.endOffsets(topic));
        this.publishProgress();
        this.running = true;
        await (0, partition_reader_1.readPartitions)((0, kafkajs_fetch_1.clusterOf)(this.kafka), {
            topic,
            startAt: (partition) => this.catchUp.position(partition),
            maxWaitMs: MAX_FETCH_WAIT_MS,
            onBatch: (batch) => this.onBatch(batch),
            onFetch: () => this.markInSync(),
            signal: this.stopping.signal,
        });
    }
    onBatch(batch) {
        const { partition } = batch;
        let applied = 0;
        let denied = 0;
        let invalid = 0;
        for (const message of batch.messages) {
            const record = (0, state_record_1.decodeStateRecord)(message.key, message.value, this.config.targetPolicy);
            this.history.observe(record, message.headers, Number(message.timestamp));
            if (record.kind === 'put') {
                this.view.put(record.registration);
                applied++;
            }
            else if (record.kind === 'delete') {
                this.view.delete(record.applicationUuid);
                applied++;
            }
            else if (record.kind === 'denied') {
                this.view.delete(record.applicationUuid);
                denied++;
                this.logger.warn(`state record ${this.where(partition, message)} not served: ${(0, escape_for_log_1.escapeForLog)(record.reason)}`);
            }
            else {
                invalid++;
                this.logger.warn(`state record ${this.where(partition, message)} skipped: ${(0, escape_for_log_1.escapeForLog)(record.reason)}`);
            }
        }
        if (applied > 0)
            this.metrics.stateRecords.inc({ outcome: 'applied' }, applied);
        if (denied > 0)
            this.metrics.stateRecords.inc({ outcome: 'denied' }, denied);
        if (invalid > 0)
            this.metrics.stateRecords.inc({ outcome: 'invalid' }, invalid);
        const wasCaughtUp = this.caughtUp;
        this.catchUp.advance(partition, batch.nextOffset, batch.highWatermark);
        if (!wasCaughtUp && this.caughtUp) {
            this.clock.markInSync(Date.now());
            this.logger.log(`caught up with ${this.config.topics.state}: ${this.view.size} registrations`);
        }
        this.publishProgress();
        return Promise.resolve();
    }
    where(partition, message) {
        return `${this.config.topics.state}[${partition}]@${message.offset}`;
    }
    publishProgress() {
        this.metrics.stateLag.set(this.catchUp?.lag ?? 0);
        this.metrics.ready.set(this.caughtUp ? 1 : 0);
    }
    async onApplicationShutdown() {
        this.stopping.abort();
        this.running = false;
        await this.reader?.catch(() => undefined);
    }
};
exports.StateTopicReader = StateTopicReader;
exports.StateTopicReader = StateTopicReader = StateTopicReader_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        topic_admin_1.TopicAdmin,
        target_view_1.TargetView,
        registry_metrics_1.RegistryMetrics,
        state_history_1.StateHistory])
], StateTopicReader);
//# sourceMappingURL=state-topic.reader.js.map