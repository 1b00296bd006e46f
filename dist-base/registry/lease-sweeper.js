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
var LeaseSweeper_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.LeaseSweeper = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const escape_for_log_1 = require("../logging/escape-for-log");
const expiry_brake_1 = require("./expiry-brake");
const pending_tombstones_1 = require("./pending-tombstones");
const registry_metrics_1 = require("./registry.metrics");
const state_history_1 = require("./state-history");
const state_topic_reader_1 = require("./state-topic.reader");
const state_topic_writer_1 = require("./state-topic.writer");
const target_view_1 = require("./target-view");
let LeaseSweeper = LeaseSweeper_1 = class LeaseSweeper {
    config;
    view;
    reader;
    writer;
    metrics;
    logger = new common_1.Logger(LeaseSweeper_1.name);
    timer = null;
    pending = new pending_tombstones_1.PendingTombstones();
    sweeping = false;
    brake;
    constructor(config, view, reader, writer, metrics) {
        this.config = config;
        this.view = view;
        this.reader = reader;
        this.writer = writer;
        this.metrics = metrics;
        this.brake = new expiry_brake_1.ExpiryBrake(config.expiryBrake);
    }
    onApplicationBootstrap() {
        this.timer = setInterval(() => void this.sweep(), this.config.leaseSweepIntervalMs);
        this.timer.unref();
    }
    onApplicationShutdown() {
        if (this.timer)
            clearInterval(this.timer);
    }
    async sweep() {
        if (this.sweeping || !this.reader.inSync())
            return;
        this.sweeping = true;
        try {
            this.judgeBrake();
            const now = this.reader.leaseClock();
            const due = this.pending.due(this.view.expired(now));
            await Promise.all(due.map(async (registration) => {
                const { applicationUuid } = registration;
                await this.writer.delete(applicationUuid, {}, (0, state_history_1.expiryHeaders)(registration, this.config.leaseSlack));
                this.metrics.leasesExpired.inc();
                this.logger.log(`lease of ${(0, escape_for_log_1.escapeForLog)(applicationUuid)} expired`);
            }));
            this.pending.settle((id) => this.view.get(id));
        }
        catch (error) {
            this.logger.warn(`lease sweep stopped: ${error.message}`);
        }
        finally {
            this.sweeping = false;
        }
    }
    get brakeEngaged() {
        return this.brake.engaged;
    }
    judgeBrake() {
        const now = Date.now();
        const change = this.brake.evaluate(this.view.all(), now);
        if (change?.engaged) {
            this.reader.holdLeases(now);
            this.logger.warn(`expiry brake engaged: ${change.overdue} of ${change.of} registrations stopped renewing their lease; ` +
                'holding them (served) until renewals resume or the hold limit passes');
        }
        else if (change) {
            this.reader.holdLeases(null);
            this.logger.warn(`expiry brake released: ${change.reason}`);
        }
        this.metrics.expiryBrake.set(this.brake.engaged ? 1 : 0);
        let held = 0;
        if (this.brake.engaged)
            for (const r of this.view.all())
                if ((0, target_view_1.isExpired)(r, now))
                    held++;
        this.metrics.brakeHeld.set(held);
    }
};
exports.LeaseSweeper = LeaseSweeper;
exports.LeaseSweeper = LeaseSweeper = LeaseSweeper_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        target_view_1.TargetView,
        state_topic_reader_1.StateTopicReader,
        state_topic_writer_1.StateTopicWriter,
        registry_metrics_1.RegistryMetrics])
], LeaseSweeper);
//# sourceMappingURL=lease-sweeper.js.map