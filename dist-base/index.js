"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PrometheusExporter = exports.startRegistryApp = exports.ConfigError = exports.RegistryConfig = exports.loadRegistryConfig = void 0;
var registry_config_1 = require("./config/registry.config");
Object.defineProperty(exports, "loadRegistryConfig", { enumerable: true, get: function () { return registry_config_1.loadRegistryConfig; } });
Object.defineProperty(exports, "RegistryConfig", { enumerable: true, get: function () { return registry_config_1.RegistryConfig; } });
Object.defineProperty(exports, "ConfigError", { enumerable: true, get: function () { return registry_config_1.ConfigError; } });
var app_factory_1 = require("./app.factory");
Object.defineProperty(exports, "startRegistryApp", { enumerable: true, get: function () { return app_factory_1.startRegistryApp; } });
var prometheus_exporter_1 = require("./telemetry/prometheus-exporter");
Object.defineProperty(exports, "PrometheusExporter", { enumerable: true, get: function () { return prometheus_exporter_1.PrometheusExporter; } });
__exportStar(require("./client"), exports);
//# sourceMappingURL=index.js.map