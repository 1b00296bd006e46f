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
exports.HealthController = void 0;
const common_1 = require("@nestjs/common");
const terminus_1 = require("@nestjs/terminus");
const command_consumer_status_1 = require("../kafka/command-consumer.status");
const registry_producer_1 = require("../kafka/registry-producer");
const registry_1 = require("../registry");
const PROBE = { noCache: true, swaggerDocumentation: false };
let HealthController = class HealthController {
    health;
    indicator;
    reader;
    commands;
    producer;
    constructor(health, indicator, reader, commands, producer) {
        this.health = health;
        this.indicator = indicator;
        this.reader = reader;
        this.commands = commands;
        this.producer = producer;
    }
    live() {
        return this.health.check([() => this.indicator.check('process').up()]);
    }
    ready() {
        return this.health.check([
            () => {
                const check = this.indicator.check('stateTopic');
                if (!this.reader.reading)
                    return check.down({ reason: 'not reading the state topic' });
                return this.reader.caughtUp
                    ? check.up()
                    : check.down({ reason: 'catching up with the state topic' });
            },
            () => {
                const check = this.indicator.check('writes');
                const stuck = this.producer.stuck();
                if (stuck.length === 0)
                    return check.up();
                return check.down({
                    reason: stuck
                        .map((s) => `${s.lane} writes failing for ${Math.round(s.forMs / 1000)} s: ${s.error}`)
                        .join('; '),
                });
            },
            () => this.indicator.check('commandConsumer').up({ state: this.commands.state }),
        ]);
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)('live'),
    (0, terminus_1.HealthCheck)(PROBE),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    (0, common_1.Get)('ready'),
    (0, terminus_1.HealthCheck)(PROBE),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "ready", null);
exports.HealthController = HealthController = __decorate([
    (0, common_1.Controller)('health'),
    __metadata("design:paramtypes", [terminus_1.HealthCheckService,
        terminus_1.HealthIndicatorService,
        registry_1.StateTopicReader,
        command_consumer_status_1.CommandConsumerStatus,
        registry_producer_1.RegistryProducer])
], HealthController);
//# sourceMappingURL=health.controller.js.map