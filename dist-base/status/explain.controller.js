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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExplainController = void 0;
const common_1 = require("@nestjs/common");
const rendezvous_1 = require("../discovery/rendezvous");
const registry_config_1 = require("../config/registry.config");
const registry_1 = require("../registry");
const target_rules_1 = require("../target/target.rules");
const explain_1 = require("./explain");
const status_guard_1 = require("./status.guard");
let ExplainController = class ExplainController {
    config;
    status;
    constructor(config, status) {
        this.config = config;
        this.status = status;
    }
    async explain(applicationUuid, shard, shards, res) {
        if (!target_rules_1.APPLICATION_UUID.test(applicationUuid)) {
            throw (0, status_guard_1.statusError)(400, `applicationUuid: must match ${target_rules_1.APPLICATION_UUID.source}`);
        }
        const selector = (0, rendezvous_1.parseShardSelector)(shard, shards);
        if (!selector.ok)
            throw (0, status_guard_1.statusError)(400, selector.error);
        const snapshot = await this.status.snapshot();
        if (!snapshot.caughtUp) {
            res.setHeader('Retry-After', '5');
            throw (0, status_guard_1.statusError)(503, 'not ready: the view is still catching up with the state topic');
        }
        res.setHeader('Cache-Control', 'no-store');
        const asked = selector.value;
        return (0, explain_1.explain)({
            applicationUuid,
            snapshot,
            registration: this.status.registration(applicationUuid),
            removal: this.status.removal(applicationUuid, snapshot.now),
            rejection: this.status.lastRejection(applicationUuid, snapshot.now),
            leaseSlack: this.config.leaseSlack,
            shard: asked === null
                ? null
                : {
                    asked: asked.shard,
                    shards: asked.shards,
                    actual: (0, rendezvous_1.shardOf)(applicationUuid, asked.shards),
                },
        });
    }
};
exports.ExplainController = ExplainController;
__decorate([
    (0, common_1.Get)(':applicationUuid/explain'),
    __param(0, (0, common_1.Param)('applicationUuid')),
    __param(1, (0, common_1.Query)('shard')),
    __param(2, (0, common_1.Query)('shards')),
    __param(3, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], ExplainController.prototype, "explain", null);
exports.ExplainController = ExplainController = __decorate([
    (0, common_1.UseGuards)(status_guard_1.StatusAuthGuard),
    (0, common_1.Controller)('api/v1/targets'),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        registry_1.RegistryStatus])
], ExplainController);
//# sourceMappingURL=explain.controller.js.map