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
var RegistryProducer_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.RegistryProducer = exports.STUCK_AFTER_MS = exports.WithdrawnError = exports.ShuttingDownError = void 0;
const common_1 = require("@nestjs/common");
const kafkajs_1 = require("kafkajs");
const prom_client_1 = require("prom-client");
const registry_config_1 = require("../config/registry.config");
const backoff_1 = require("../resilience/backoff");
const deadline_1 = require("../resilience/deadline");
const kafka_client_options_1 = require("./kafka-client.options");
const refused_write_1 = require("./refused-write");
const write_batch_1 = require("./write-batch");
class ShuttingDownError extends Error {
    constructor() {
        super('the registry is shutting down');
        this.name = 'ShuttingDownError';
    }
}
exports.ShuttingDownError = ShuttingDownError;
class WithdrawnError extends Error {
    constructor(reason) {
        super(reason);
        this.name = 'WithdrawnError';
    }
}
exports.WithdrawnError = WithdrawnError;
const MAX_BACKOFF_MS = 5000;
const DRAIN_TIMEOUT_MS = 5000;
exports.STUCK_AFTER_MS = 30_000;
let RegistryProducer = RegistryProducer_1 = class RegistryProducer {
    logger = new common_1.Logger(RegistryProducer_1.name);
    producer;
    lanes = new Map();
    connected = null;
    closing = false;
    shutdown = new AbortController();
    retries;
    deadLetters;
    constructor(config, registry) {
        const kafka = new kafkajs_1.Kafka((0, kafka_client_options_1.kafkaClientConfig)(config.kafka, 'producer'));
        this.producer = kafka.producer({
            idempotent: true,
            maxInFlightRequests: 1,
            allowAutoTopicCreation: false,
            createPartitioner: kafkajs_1.Partitioners.DefaultPartitioner,
        });
        this.producer.on(this.producer.events.DISCONNECT, () => {
            this.connected = null;
        });
        for (const lane of ['state', 'dlq']) {
            this.lanes.set(lane, { queue: [], pumping: null, failingSince: null, lastError: '' });
        }
        this.retries = new prom_client_1.Counter({
            name: 'metrics_registry_write_retries_total',
            help: 'Failed attempts to write to Kafka that were retried, by lane (state, dlq).',
            labelNames: ['lane'],
            registers: [registry],
        });
        this.deadLetters = new prom_client_1.Counter({
            name: 'metrics_registry_dead_letters_total',
            help: 'Dead letters by outcome: written, truncated (refused whole), dropped (refused even truncated).',
            labelNames: ['outcome'],
            registers: [registry],
        });
        for (const outcome of ['written', 'truncated', 'dropped'])
            this.deadLetters.inc({ outcome }, 0);
        const lanes = this.lanes;
        new prom_client_1.Gauge({
            name: 'metrics_registry_write_stuck_seconds',
            help: 'How long the oldest failing write has been retried, by lane; 0 while writes go through.',
            labelNames: ['lane'],
            registers: [registry],
            collect() {
                const now = Date.now();
                for (const [lane, state] of lanes) {
                    this.set({ lane }, state.failingSince === null ? 0 : (now - state.failingSince) / 1000);
                }
            },
        });
    }
    send(topic, messages, options = {}) {
        if (this.closing)
            return Promise.reject(new ShuttingDownError());
        if (options.signal?.aborted)
            return Promise.reject(withdrawn(options.signal));
        const lane = this.lanes.get(options.lane ?? 'state');
        return new Promise((resolve, reject) => {
            lane.queue.push({ topic, messages, bytes: (0, write_batch_1.sizeOf)(messages), options, resolve, reject });
            lane.pumping ??= this.pump(options.lane ?? 'state').finally(() => (lane.pumping = null));
        });
    }
    stuck(now = Date.now()) {
        const stuck = [];
        for (const [lane, state] of this.lanes) {
            if (state.failingSince !== null && now - state.failingSince > exports.STUCK_AFTER_MS) {
                stuck.push({ lane, forMs: now - state.failingSince, error: state.lastError });
            }
        }
        return stuck;
    }
    async pump(lane) {
        const state = this.lanes.get(lane);
        while (state.queue.length > 0) {
            const batch = (0, write_batch_1.takeBatch)(state.queue);
            try {
                await this.sendWithRetry(lane, batch);
            }
            catch (error) {
                for (const write of batch)
                    write.reject(error);
            }
            finally {
                state.failingSince = null;
            }
        }
    }
    async sendWithRetry(lane, batch) {
        const state = this.lanes.get(lane);
        let pending = batch;
        await (0, backoff_1.retryWithBackoff)(async () => {
            pending = this.withoutWithdrawn(pending);
            if (pending.length === 0)
                return;
            try {
                await this.write(pending);
            }
            catch (error) {
                const refusal = lane === 'dlq' ? (0, refused_write_1.refusalOf)(error) : null;
                if (refusal === null)
                    throw error;
                await this.deadLetterOneByOne(pending);
            }
            for (const write of pending)
                write.resolve();
            if (lane === 'dlq')
                this.deadLetters.inc({ outcome: 'written' }, pending.length);
        }, {
            initialMs: 100,
            maxMs: MAX_BACKOFF_MS,
            signal: this.shutdown.signal,
            onRetry: (error, attempt, delay) => {
                state.failingSince ??= Date.now();
                state.lastError = error.message;
                this.retries.inc({ lane });
                const topics = [...new Set(pending.map((w) => w.topic))].join(', ');
                this.logger.warn(`write to ${topics} failed (attempt ${attempt}), retrying in ${delay} ms: ${error.message}`);
                for (const write of pending)
                    write.options.onRetry?.(error);
            },
        });
    }
    async deadLetterOneByOne(batch) {
        for (const write of batch) {
            try {
                await this.write([write]);
                continue;
            }
            catch (error) {
                const refusal = (0, refused_write_1.refusalOf)(error);
                if (refusal === null)
                    throw error;
                const truncated = {
                    ...write,
                    messages: write.messages.map((m) => (0, refused_write_1.truncatedDeadLetter)(m, refusal)),
                };
                try {
                    await this.write([truncated]);
                    this.deadLetters.inc({ outcome: 'truncated' });
                    this.logger.warn(`dead letter to ${write.topic} refused (${refusal}), written truncated`);
                }
                catch (again) {
                    if ((0, refused_write_1.refusalOf)(again) === null)
                        throw again;
                    this.deadLetters.inc({ outcome: 'dropped' });
                    const headers = write.messages[0]?.headers ?? {};
                    this.logger.error(`dead letter to ${write.topic} refused even truncated (${(0, refused_write_1.refusalOf)(again)}), dropped: ` +
                        `source ${String(headers['x-source-topic'])}[${String(headers['x-source-partition'])}]@${String(headers['x-source-offset'])}, ` +
                        `reason ${JSON.stringify(String(headers['x-error']))}`);
                }
            }
        }
    }
    async write(batch) {
        try {
            this.connected ??= this.producer.connect();
            await this.connected;
            await this.producer.sendBatch({ topicMessages: (0, write_batch_1.topicMessagesOf)(batch), acks: -1 });
        }
        catch (error) {
            if ((0, refused_write_1.refusalOf)(error) === null)
                this.connected = null;
            throw error;
        }
    }
    withoutWithdrawn(batch) {
        return batch.filter((write) => {
            if (!write.options.signal?.aborted)
                return true;
            write.reject(withdrawn(write.options.signal));
            return false;
        });
    }
    async beforeApplicationShutdown() {
        const deadline = Date.now() + DRAIN_TIMEOUT_MS;
        for (const state of this.lanes.values()) {
            while (state.pumping && (await (0, deadline_1.settledWithin)(state.pumping, deadline - Date.now())))
                ;
        }
        this.closing = true;
        this.shutdown.abort(new ShuttingDownError());
    }
    async onApplicationShutdown() {
        for (const state of this.lanes.values())
            await state.pumping?.catch(() => undefined);
        await this.producer.disconnect();
    }
};
exports.RegistryProducer = RegistryProducer;
exports.RegistryProducer = RegistryProducer = RegistryProducer_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig, prom_client_1.Registry])
], RegistryProducer);
function withdrawn(signal) {
    const reason = signal.reason;
    return new WithdrawnError(reason instanceof Error ? reason.message : 'withdrawn');
}
//# sourceMappingURL=registry-producer.js.map