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
exports.StateTopicWriter = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const registry_producer_1 = require("../kafka/registry-producer");
const state_record_1 = require("./state-record");
let StateTopicWriter = class StateTopicWriter {
    config;
    producer;
    constructor(config, producer) {
        this.config = config;
        this.producer = producer;
    }
    async put(registration, options = {}) {
        await this.producer.send(this.config.topics.state, [{ key: registration.applicationUuid, value: (0, state_record_1.encodeStateValue)(registration) }], options);
    }
    async delete(applicationUuid, options = {}, headers = {}) {
        await this.producer.send(this.config.topics.state, [{ key: applicationUuid, value: null, headers }], options);
    }
    async deadLetter(key, value, headers, options = {}) {
        await this.producer.send(this.config.topics.dlq, [{ key, value, headers }], {
            ...options,
            lane: 'dlq',
        });
    }
};
exports.StateTopicWriter = StateTopicWriter;
exports.StateTopicWriter = StateTopicWriter = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        registry_producer_1.RegistryProducer])
], StateTopicWriter);
//# sourceMappingURL=state-topic.writer.js.map