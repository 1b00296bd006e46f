"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CommandServer = void 0;
const microservices_1 = require("@nestjs/microservices");
const kafka_parser_1 = require("@nestjs/microservices/helpers/kafka-parser");
class BinaryKafkaParser extends kafka_parser_1.KafkaParser {
    parse(data) {
        const message = data;
        return { ...message, headers: { ...(message.headers ?? {}) } };
    }
}
class CommandServer extends microservices_1.ServerKafka {
    topics;
    consumerStatus;
    constructor(options, topics, consumerStatus) {
        super(options);
        this.topics = topics;
        this.consumerStatus = consumerStatus;
        this.parser = new BinaryKafkaParser();
    }
    async bindEvents(consumer) {
        for (const [command, topic] of Object.entries(this.topics)) {
            const handler = this.messageHandlers.get(command);
            if (handler === undefined)
                continue;
            this.messageHandlers.delete(command);
            this.messageHandlers.set(topic, handler);
        }
        const topics = Object.values(this.topics).map((topic) => ({ topic }));
        this.consumerStatus.pause = () => {
            try {
                consumer.pause(topics);
            }
            catch {
            }
        };
        await super.bindEvents(consumer);
    }
    registerConsumerEventListeners() {
        super.registerConsumerEventListeners();
        const consumer = this.consumer;
        const { events } = consumer;
        const set = (state) => () => {
            this.consumerStatus.state = state;
        };
        consumer.on(events.CONNECT, set('joining'));
        consumer.on(events.GROUP_JOIN, () => {
            this.consumerStatus.state = 'running';
            this.consumerStatus.joinedAt = Date.now();
        });
        consumer.on(events.REBALANCING, set('rebalancing'));
        consumer.on(events.STOP, set('stopped'));
        consumer.on(events.CRASH, ({ payload }) => {
            this.consumerStatus.state = payload.restart ? 'restarting' : 'crashed';
        });
    }
    getRouteFromPattern(pattern) {
        const first = pattern.charAt(0);
        return first === '{' || first === '['
            ? super.getRouteFromPattern(pattern)
            : this.normalizePattern(pattern);
    }
}
exports.CommandServer = CommandServer;
//# sourceMappingURL=command-server.js.map