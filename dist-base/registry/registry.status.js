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
exports.RegistryStatus = void 0;
const common_1 = require("@nestjs/common");
const dlq_tail_reader_1 = require("./dlq-tail.reader");
const lease_sweeper_1 = require("./lease-sweeper");
const registry_metrics_1 = require("./registry.metrics");
const state_history_1 = require("./state-history");
const state_topic_reader_1 = require("./state-topic.reader");
const target_view_1 = require("./target-view");
let RegistryStatus = class RegistryStatus {
    view;
    reader;
    sweeper;
    history;
    dlq;
    metrics;
    constructor(view, reader, sweeper, history, dlq, metrics) {
        this.view = view;
        this.reader = reader;
        this.sweeper = sweeper;
        this.history = history;
        this.dlq = dlq;
        this.metrics = metrics;
    }
    async snapshot() {
        const lag = (await this.metrics.stateLag.get()).values[0]?.value ?? 0;
        const now = Date.now();
        return {
            now,
            leaseNow: this.reader.leaseClock(),
            caughtUp: this.reader.caughtUp,
            inSync: this.reader.inSync(now),
            lag,
            brakeEngaged: this.sweeper.brakeEngaged,
            rejectionsCaughtUp: this.dlq.caughtUp,
        };
    }
    registrations() {
        return this.view.all();
    }
    registration(applicationUuid) {
        return this.view.get(applicationUuid);
    }
    removal(applicationUuid, now) {
        return this.history.removal(applicationUuid, now);
    }
    lastRejection(applicationUuid, now) {
        return this.dlq.log.last(applicationUuid, now);
    }
    recentRejections(now, limit) {
        return this.dlq.log.recent(now, limit);
    }
    rejectionsSince(since) {
        return this.dlq.log.countSince(since);
    }
    stateWritesPerMinute(now) {
        return this.history.writesPerMinute(now, 5);
    }
};
exports.RegistryStatus = RegistryStatus;
exports.RegistryStatus = RegistryStatus = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [target_view_1.TargetView,
        state_topic_reader_1.StateTopicReader,
        lease_sweeper_1.LeaseSweeper,
        state_history_1.StateHistory,
        dlq_tail_reader_1.DlqTailReader,
        registry_metrics_1.RegistryMetrics])
], RegistryStatus);
//# sourceMappingURL=registry.status.js.map