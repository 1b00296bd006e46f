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
exports.ServedTargetsGauge = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
const state_topic_reader_1 = require("./state-topic.reader");
const target_view_1 = require("./target-view");
let ServedTargetsGauge = class ServedTargetsGauge {
    constructor(registry, view, reader) {
        new prom_client_1.Gauge({
            name: 'metrics_registry_targets',
            help: 'Registrations served now (live leases, once caught up with the state topic).',
            registers: [registry],
            collect() {
                if (!reader.caughtUp)
                    return this.set(0);
                const now = reader.leaseClock();
                let live = 0;
                for (const registration of view.all())
                    if (!(0, target_view_1.isExpired)(registration, now))
                        live++;
                this.set(live);
            },
        });
    }
};
exports.ServedTargetsGauge = ServedTargetsGauge;
exports.ServedTargetsGauge = ServedTargetsGauge = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prom_client_1.Registry, target_view_1.TargetView, state_topic_reader_1.StateTopicReader])
], ServedTargetsGauge);
//# sourceMappingURL=served-targets.gauge.js.map