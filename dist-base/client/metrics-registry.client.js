"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetricsRegistryClient = exports.DEFAULT_COMMAND_TOPIC = void 0;
const kafkajs_1 = require("kafkajs");
const deadline_1 = require("../resilience/deadline");
const command_1 = require("../target/command");
const commands_1 = require("./commands");
exports.DEFAULT_COMMAND_TOPIC = 'metrics-registry.commands';
const DEFAULT_TIMEOUT_MS = 10_000;
const EXIT_DEADLINE_MS = 5000;
const EXIT_SIGNALS = ['SIGTERM', 'SIGINT'];
class MetricsRegistryClient {
    producer;
    topic;
    timeoutMs;
    logger;
    registrations = new Map();
    connected = null;
    closing = null;
    exitHooks = new Map();
    lastKafkaError = null;
    constructor(options) {
        const kafka = options.kafka ?? this.kafkaFor(options);
        this.topic = options.topic ?? exports.DEFAULT_COMMAND_TOPIC;
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.logger = options.logger ?? console;
        this.producer = kafka.producer({
            maxInFlightRequests: 1,
            createPartitioner: kafkajs_1.Partitioners.DefaultPartitioner,
        });
        this.producer.on(this.producer.events.DISCONNECT, () => {
            this.connected = null;
        });
        if (options.deregisterOnExit)
            this.hookExit();
    }
    get registered() {
        return [...this.registrations.keys()];
    }
    async register(target) {
        this.assertOpen();
        const message = (0, commands_1.registerCommand)(target);
        const id = message.applicationUuid;
        const previous = this.stopRenewing(id);
        const active = {
            value: (0, command_1.commandValue)({ op: 'register', target: message }),
            timer: null,
            renewing: null,
        };
        this.registrations.set(id, active);
        try {
            await previous?.renewing;
            await this.send(id, active.value);
        }
        catch (error) {
            if (this.registrations.get(id) === active)
                this.registrations.delete(id);
            throw error;
        }
        if (message.ttlSeconds !== undefined && this.registrations.get(id) === active) {
            active.timer = setInterval(() => this.renew(id, active), (0, commands_1.renewalIntervalMs)(message.ttlSeconds));
            active.timer.unref();
        }
        return message;
    }
    async deregister(applicationUuid) {
        const ids = applicationUuid === undefined
            ? this.registered
            : [(0, commands_1.deregisterCommand)(applicationUuid).applicationUuid];
        for (const id of ids) {
            const active = this.stopRenewing(id);
            this.registrations.delete(id);
            await active?.renewing;
            await this.send(id, (0, command_1.commandValue)({ op: 'deregister', applicationUuid: id }));
        }
    }
    close(options = {}) {
        this.closing ??= this.shutDown(options.deregister ?? true);
        return this.closing;
    }
    async shutDown(deregister) {
        this.unhookExit();
        try {
            if (deregister)
                await this.deregister();
        }
        finally {
            for (const id of this.registered)
                this.stopRenewing(id);
            this.registrations.clear();
            await this.producer.disconnect();
        }
    }
    renew(id, active) {
        if (active.renewing)
            return;
        active.renewing = this.send(id, active.value)
            .catch((error) => {
            this.logger.warn(`metrics-registry: renewing the lease of ${id} failed, retrying in the next interval: ${error.message}`);
        })
            .finally(() => {
            active.renewing = null;
        });
    }
    stopRenewing(id) {
        const active = this.registrations.get(id);
        if (active?.timer)
            clearInterval(active.timer);
        if (active)
            active.timer = null;
        return active;
    }
    async send(key, value) {
        const sent = (async () => {
            this.connected ??= this.producer.connect();
            try {
                await this.connected;
            }
            catch (error) {
                this.connected = null;
                throw error;
            }
            await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value }] });
        })();
        try {
            await (0, deadline_1.withDeadline)(sent, this.timeoutMs, `metrics-registry: Kafka did not acknowledge the command within ${this.timeoutMs} ms`);
            this.lastKafkaError = null;
        }
        catch (error) {
            if (!(error instanceof deadline_1.DeadlineError) || this.lastKafkaError === null)
                throw error;
            throw new deadline_1.DeadlineError(`${error.message} (last error: ${this.lastKafkaError})`);
        }
    }
    assertOpen() {
        if (this.closing)
            throw new Error('metrics-registry: the client is closed');
    }
    kafkaFor(options) {
        if (!options.brokers || options.brokers.length === 0) {
            throw new Error('metrics-registry: pass `brokers` or a kafkajs `kafka` client');
        }
        if (typeof options.ssl === 'object' && options.ssl.rejectUnauthorized === false) {
            throw new Error('metrics-registry: `ssl.rejectUnauthorized: false` is refused: pass `ca`');
        }
        return new kafkajs_1.Kafka({
            clientId: options.clientId ?? 'metrics-registry-client',
            brokers: options.brokers,
            ssl: options.ssl,
            sasl: options.sasl,
            logLevel: kafkajs_1.logLevel.ERROR,
            logCreator: () => (entry) => {
                this.lastKafkaError = entry.log.message;
            },
        });
    }
    hookExit() {
        for (const signal of EXIT_SIGNALS) {
            const onSignal = () => {
                void this.closeWithin(EXIT_DEADLINE_MS).finally(() => {
                    if (process.listenerCount(signal) === 0)
                        process.kill(process.pid, signal);
                });
            };
            this.exitHooks.set(signal, onSignal);
            process.once(signal, onSignal);
        }
        const onBeforeExit = () => void this.closeWithin(EXIT_DEADLINE_MS);
        this.exitHooks.set('beforeExit', onBeforeExit);
        process.once('beforeExit', onBeforeExit);
    }
    unhookExit() {
        for (const [event, listener] of this.exitHooks)
            process.removeListener(event, listener);
        this.exitHooks.clear();
    }
    async closeWithin(deadlineMs) {
        try {
            await (0, deadline_1.withDeadline)(this.close(), deadlineMs, `no answer from Kafka within ${deadlineMs} ms`);
        }
        catch (error) {
            this.logger.warn(`metrics-registry: deregistering on exit failed: ${error.message}`);
        }
    }
}
exports.MetricsRegistryClient = MetricsRegistryClient;
//# sourceMappingURL=metrics-registry.client.js.map