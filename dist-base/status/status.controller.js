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
exports.StatusController = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const registry_1 = require("../registry");
const status_page_1 = require("./status-page");
const status_guard_1 = require("./status.guard");
const target_filter_1 = require("./target-filter");
const target_state_1 = require("./target-state");
const RECENT_REJECTIONS = 100;
const HOUR_MS = 3_600_000;
let StatusController = class StatusController {
    config;
    status;
    constructor(config, status) {
        this.config = config;
        this.status = status;
    }
    async page(query, res) {
        const snapshot = await this.status.snapshot();
        const stateOf = (r) => (0, target_state_1.targetState)(r, snapshot);
        const all = this.status.registrations();
        const counts = { served: 0, held: 0, expired: 0 };
        for (const r of all)
            counts[stateOf(r)]++;
        const parsed = (0, target_filter_1.parseStatusQuery)(query);
        const body = (0, status_page_1.renderStatusPage)({
            snapshot,
            stateTopic: this.config.topics.state,
            dlqTopic: this.config.topics.dlq,
            sdEndpoint: this.config.sdEndpoint,
            counts,
            stateWritesPerMinute: this.status.stateWritesPerMinute(snapshot.now),
            rejectionsLastHour: this.status.rejectionsSince(snapshot.now - HOUR_MS),
            query: parsed,
            page: (0, target_filter_1.targetPage)(all, parsed, stateOf),
            stateOf,
            rejections: this.status.recentRejections(snapshot.now, RECENT_REJECTIONS),
            window: {
                hours: registry_1.REJECTION_WINDOW.maxAgeMs / HOUR_MS,
                perPartition: registry_1.REJECTION_WINDOW.perPartition,
            },
        });
        res
            .status(200)
            .setHeader('Content-Type', 'text/html; charset=utf-8')
            .setHeader('Content-Security-Policy', status_page_1.STATUS_PAGE_CSP)
            .setHeader('X-Content-Type-Options', 'nosniff')
            .setHeader('Referrer-Policy', 'no-referrer')
            .setHeader('Cache-Control', 'no-store')
            .end(body);
    }
};
exports.StatusController = StatusController;
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], StatusController.prototype, "page", null);
exports.StatusController = StatusController = __decorate([
    (0, common_1.UseGuards)(status_guard_1.StatusAuthGuard),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        registry_1.RegistryStatus])
], StatusController);
//# sourceMappingURL=status.controller.js.map