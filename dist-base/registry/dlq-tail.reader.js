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
var DlqTailReader_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DlqTailReader = void 0;
const common_1 = require("@nestjs/common");
const kafkajs_1 = require("kafkajs");
const registry_config_1 = require("../config/registry.config");
const kafka_client_options_1 = require("../kafka/kafka-client.options");
const kafkajs_fetch_1 = require("../kafka/kafkajs-fetch");
const partition_reader_1 = require("../kafka/partition-reader");
const backoff_1 = require("../resilience/backoff");
const catch_up_1 = require("./catch-up");
const rejection_log_1 = require("./rejection-log");
const MAX_FETCH_WAIT_MS = 500;
const RESTART_BACKOFF_MAX_MS = 30_000;
let DlqTailReader = DlqTailReader_1 = class DlqTailReader {
    config;
    logger = new common_1.Logger(DlqTailReader_1.name);
    kafka;
    reader = null;
    catchUp = null;
    starts = new Map();
    next = new Map();
    stopping = new AbortController();
    log = new rejection_log_1.RejectionLog();
    constructor(config) {
        this.config = config;
        this.kafka = new kafkajs_1.Kafka((0, kafka_client_options_1.kafkaClientConfig)(config.kafka, 'dlq-tail'));
    }
    onApplicationBootstrap() {
        void (0, backoff_1.retryWithBackoff)(() => (this.reader = this.start()), {
            initialMs: 500,
            maxMs: RESTART_BACKOFF_MAX_MS,
            signal: this.stopping.signal,
            onRetry: (error, _attempt, delay) => this.logger.warn(`DLQ reader could not start, retrying in ${delay} ms: ${error.message}`),
        }).catch(() => undefined);
    }
    get caughtUp() {
        return this.catchUp?.done ?? false;
    }
    async start() {
        const topic = this.config.topics.dlq;
        const admin = this.kafka.admin();
        await admin.connect();
        try {
            const since = Date.now() - rejection_log_1.REJECTION_WINDOW.maxAgeMs;
            const [ends, byTime] = await Promise.all([
                admin.fetchTopicOffsets(topic),
                admin.fetchTopicOffsetsByTimestamp(topic, since),
            ]);
            const timed = new Map(byTime.map((p) => [p.partition, Number(p.offset)]));
            this.catchUp ??= new catch_up_1.CatchUp(ends.map((p) => {
                const low = Number(p.low);
                const high = Number(p.high);
                const fromTime = timed.get(p.partition) ?? high;
                const start = Math.max(low, high - rejection_log_1.REJECTION_WINDOW.perPartition, fromTime < 0 ? high : fromTime);
                if (!this.starts.has(p.partition))
                    this.starts.set(p.partition, start);
                return { partition: p.partition, low: start, high };
            }));
        }
        finally {
            await admin.disconnect();
        }
        await (0, partition_reader_1.readPartitions)((0, kafkajs_fetch_1.clusterOf)(this.kafka), {
            topic,
            startAt: (partition) => {
                const start = this.starts.get(partition);
                return start === undefined ? undefined : Math.max(start, this.nextOf(partition));
            },
            maxWaitMs: MAX_FETCH_WAIT_MS,
            onBatch: (batch) => this.onBatch(batch),
            signal: this.stopping.signal,
        });
    }
    nextOf(partition) {
        return this.next.get(partition) ?? 0;
    }
    onBatch({ partition, messages, nextOffset, highWatermark }) {
        for (const message of messages)
            this.log.add((0, rejection_log_1.rejectionOf)(partition, message));
        this.next.set(partition, nextOffset);
        this.catchUp?.advance(partition, nextOffset, highWatermark);
        return Promise.resolve();
    }
    async onApplicationShutdown() {
        this.stopping.abort();
        await this.reader?.catch(() => undefined);
    }
};
exports.DlqTailReader = DlqTailReader;
exports.DlqTailReader = DlqTailReader = DlqTailReader_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig])
], DlqTailReader);
//# sourceMappingURL=dlq-tail.reader.js.map