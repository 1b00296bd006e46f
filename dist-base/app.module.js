"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("./config/registry.config");
const discovery_module_1 = require("./discovery/discovery.module");
const health_module_1 = require("./health/health.module");
const registry_1 = require("./registry");
const status_module_1 = require("./status/status.module");
const telemetry_module_1 = require("./telemetry/telemetry.module");
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config, api = null) {
        return {
            module: AppModule_1,
            global: true,
            imports: [
                telemetry_module_1.TelemetryModule.forRoot(config),
                registry_1.RegistryModule,
                ...discovery_module_1.DiscoveryModule.at(config.sdEndpoint),
                health_module_1.HealthModule,
                status_module_1.StatusModule,
                ...(api === null ? [] : [api]),
            ],
            providers: [{ provide: registry_config_1.RegistryConfig, useValue: config }],
            exports: [registry_config_1.RegistryConfig],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map