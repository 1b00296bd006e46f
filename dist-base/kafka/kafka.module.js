"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.KafkaModule = void 0;
const common_1 = require("@nestjs/common");
const command_consumer_status_1 = require("./command-consumer.status");
const registry_producer_1 = require("./registry-producer");
const topic_admin_1 = require("./topic-admin");
let KafkaModule = class KafkaModule {
};
exports.KafkaModule = KafkaModule;
exports.KafkaModule = KafkaModule = __decorate([
    (0, common_1.Module)({
        providers: [topic_admin_1.TopicAdmin, registry_producer_1.RegistryProducer, command_consumer_status_1.CommandConsumerStatus],
        exports: [topic_admin_1.TopicAdmin, registry_producer_1.RegistryProducer, command_consumer_status_1.CommandConsumerStatus],
    })
], KafkaModule);
//# sourceMappingURL=kafka.module.js.map