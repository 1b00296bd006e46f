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
var TopicAdmin_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.TopicAdmin = void 0;
const common_1 = require("@nestjs/common");
const kafkajs_1 = require("kafkajs");
const registry_config_1 = require("../config/registry.config");
const backoff_1 = require("../resilience/backoff");
const kafka_client_options_1 = require("./kafka-client.options");
const state_topic_settings_1 = require("./state-topic.settings");
let TopicAdmin = TopicAdmin_1 = class TopicAdmin {
    config;
    logger = new common_1.Logger(TopicAdmin_1.name);
    kafka;
    constructor(config) {
        this.config = config;
        this.kafka = new kafkajs_1.Kafka((0, kafka_client_options_1.kafkaClientConfig)(config.kafka, 'admin'));
    }
    async onModuleInit() {
        await (0, backoff_1.retryWithBackoff)(() => this.ensureTopics(), {
            initialMs: 500,
            maxMs: 8000,
            attempts: 6,
            onRetry: (error, _attempt, delay) => this.logger.warn(`topic check failed, retrying in ${delay} ms: ${error.message}`),
        });
    }
    async ensureTopics() {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
            const existing = new Set(await admin.listTopics());
            const { topics, statePartitions, stateReplication } = this.config;
            const wanted = [
                {
                    topic: topics.state,
                    numPartitions: statePartitions,
                    replicationFactor: stateReplication,
                    configEntries: Object.entries(state_topic_settings_1.STATE_TOPIC_SETTINGS).map(([name, value]) => ({
                        name,
                        value,
                    })),
                },
                ...[topics.commands, topics.register, topics.deregister, topics.dlq].map((topic) => ({
                    topic,
                    numPartitions: -1,
                    replicationFactor: -1,
                })),
            ].filter((t) => !existing.has(t.topic));
            if (wanted.length > 0) {
                await admin.createTopics({ topics: wanted, waitForLeaders: true });
                this.logger.log(`created topics: ${wanted.map((t) => t.topic).join(', ')}`);
            }
            if (existing.has(topics.state))
                await this.checkStateTopic(admin);
        }
        catch (error) {
            if (error.type !== 'TOPIC_ALREADY_EXISTS')
                throw error;
        }
        finally {
            await admin.disconnect();
        }
    }
    async checkStateTopic(admin) {
        const topic = this.config.topics.state;
        try {
            const { resources } = await admin.describeConfigs({
                resources: [{ type: kafkajs_1.ConfigResourceTypes.TOPIC, name: topic }],
                includeSynonyms: false,
            });
            const configs = new Map((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]));
            for (const problem of (0, state_topic_settings_1.stateTopicProblems)(topic, configs)) {
                this.logger.warn(`state topic ${topic}: ${problem}`);
            }
        }
        catch (error) {
            this.logger.warn(`could not read the configuration of ${topic}: ${error.message}`);
        }
    }
    async endOffsets(topic) {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
            const offsets = await admin.fetchTopicOffsets(topic);
            return offsets.map((o) => ({
                partition: o.partition,
                low: Number(o.low),
                high: Number(o.high),
            }));
        }
        finally {
            await admin.disconnect();
        }
    }
};
exports.TopicAdmin = TopicAdmin;
exports.TopicAdmin = TopicAdmin = TopicAdmin_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig])
], TopicAdmin);
//# sourceMappingURL=topic-admin.js.map