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
exports.HttpMetrics = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
let HttpMetrics = class HttpMetrics {
    requests;
    duration;
    constructor(registry) {
        this.requests = new prom_client_1.Counter({
            name: 'http_requests_total',
            help: 'HTTP requests by method, route pattern and status.',
            labelNames: ['method', 'route', 'status'],
            registers: [registry],
        });
        this.duration = new prom_client_1.Histogram({
            name: 'http_request_duration_seconds',
            help: 'HTTP request duration by method and route pattern.',
            labelNames: ['method', 'route'],
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            registers: [registry],
        });
    }
};
exports.HttpMetrics = HttpMetrics;
exports.HttpMetrics = HttpMetrics = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [prom_client_1.Registry])
], HttpMetrics);
//# sourceMappingURL=http.metrics.js.map