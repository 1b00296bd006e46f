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
exports.RegistryMetrics = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
let RegistryMetrics = class RegistryMetrics {
    commands;
    stateRecords;
    leasesExpired;
    renewalsCovered;
    internalErrors;
    expiryBrake;
    brakeHeld;
    ready;
    stateLag;
    constructor(registry) {
        const registers = [registry];
        this.commands = new prom_client_1.Counter({
            name: 'metrics_registry_commands_total',
            help: 'Register and deregister commands by outcome.',
            labelNames: ['command', 'outcome'],
            registers,
        });
        this.stateRecords = new prom_client_1.Counter({
            name: 'metrics_registry_state_records_total',
            help: 'State topic records read into the view, by outcome.',
            labelNames: ['outcome'],
            registers,
        });
        this.leasesExpired = new prom_client_1.Counter({
            name: 'metrics_registry_leases_expired_total',
            help: 'Registrations whose lease ran out and whose tombstone this replica wrote.',
            registers,
        });
        this.renewalsCovered = new prom_client_1.Counter({
            name: 'metrics_registry_renewals_covered_total',
            help: 'Registers acknowledged without a state write: the stored lease already covered them.',
            registers,
        });
        this.internalErrors = new prom_client_1.Counter({
            name: 'metrics_registry_internal_errors_total',
            help: 'Attempts at a command that failed on an internal error (a bug, not a bad command).',
            registers,
        });
        this.expiryBrake = new prom_client_1.Gauge({
            name: 'metrics_registry_expiry_brake',
            help: '1 while the shrink brake holds leases that stopped being renewed en masse.',
            registers,
        });
        this.brakeHeld = new prom_client_1.Gauge({
            name: 'metrics_registry_expiry_brake_held_targets',
            help: 'Registrations served only because the shrink brake holds their run-out lease.',
            registers,
        });
        this.ready = new prom_client_1.Gauge({
            name: 'metrics_registry_ready',
            help: '1 once the view has caught up with the state topic.',
            registers,
        });
        this.stateLag = new prom_client_1.Gauge({
            name: 'metrics_registry_state_lag_records',
            help: 'Records between the view and the end of the state topic.',
            registers,
        });
        for (const command of ['register', 'deregister']) {
            for (const outcome of ['accepted', 'invalid', 'failed'])
                this.commands.inc({ command, outcome }, 0);
        }
        this.commands.inc({ command: 'register', outcome: 'expired' }, 0);
        for (const outcome of ['applied', 'denied', 'invalid'])
            this.stateRecords.inc({ outcome }, 0);
    }
};
exports.RegistryMetrics = RegistryMetrics;
exports.RegistryMetrics = RegistryMetrics = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prom_client_1.Registry])
], RegistryMetrics);
//# sourceMappingURL=registry.metrics.js.map