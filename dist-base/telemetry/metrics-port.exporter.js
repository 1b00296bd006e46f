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
exports.MetricsPortExporter = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
const registry_config_1 = require("../config/registry.config");
const prometheus_exporter_1 = require("./prometheus-exporter");
let MetricsPortExporter = class MetricsPortExporter {
    exporter;
    constructor(config, registry) {
        this.exporter = new prometheus_exporter_1.PrometheusExporter({ port: config.metricsPort ?? 0, registry });
    }
    onApplicationBootstrap() {
        return this.exporter.start();
    }
    onApplicationShutdown() {
        return this.exporter.stop();
    }
};
exports.MetricsPortExporter = MetricsPortExporter;
exports.MetricsPortExporter = MetricsPortExporter = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig, prom_client_1.Registry])
], MetricsPortExporter);
//# sourceMappingURL=metrics-port.exporter.js.map