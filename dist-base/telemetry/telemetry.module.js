"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var TelemetryModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.TelemetryModule = void 0;
const common_1 = require("@nestjs/common");
const prom_client_1 = require("prom-client");
const http_metrics_1 = require("./http.metrics");
const http_metrics_middleware_1 = require("./http-metrics.middleware");
const metrics_port_exporter_1 = require("./metrics-port.exporter");
const metrics_registry_1 = require("./metrics-registry");
const metrics_controller_1 = require("./metrics.controller");
let TelemetryModule = TelemetryModule_1 = class TelemetryModule {
    static forRoot(config) {
        const onOwnPort = config.metricsPort !== null;
        return {
            module: TelemetryModule_1,
            controllers: onOwnPort ? [] : [metrics_controller_1.MetricsController],
            providers: [
                { provide: prom_client_1.Registry, useFactory: metrics_registry_1.createMetricsRegistry },
                http_metrics_1.HttpMetrics,
                ...(onOwnPort ? [metrics_port_exporter_1.MetricsPortExporter] : []),
            ],
            exports: [prom_client_1.Registry],
        };
    }
    configure(consumer) {
        consumer.apply(http_metrics_middleware_1.HttpMetricsMiddleware).forRoutes('*');
    }
};
exports.TelemetryModule = TelemetryModule;
exports.TelemetryModule = TelemetryModule = TelemetryModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], TelemetryModule);
//# sourceMappingURL=telemetry.module.js.map