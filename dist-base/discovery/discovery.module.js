"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var DiscoveryModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DiscoveryModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const registry_1 = require("../registry");
const discovery_controller_1 = require("./discovery.controller");
const discovery_metrics_1 = require("./discovery.metrics");
let DiscoveryModule = DiscoveryModule_1 = class DiscoveryModule {
    static at(path) {
        return [
            { module: DiscoveryModule_1 },
            core_1.RouterModule.register([{ path, module: DiscoveryModule_1 }]),
        ];
    }
};
exports.DiscoveryModule = DiscoveryModule;
exports.DiscoveryModule = DiscoveryModule = DiscoveryModule_1 = __decorate([
    (0, common_1.Module)({
        imports: [registry_1.RegistryModule],
        controllers: [discovery_controller_1.DiscoveryController],
        providers: [discovery_metrics_1.DiscoveryMetrics],
    })
], DiscoveryModule);
//# sourceMappingURL=discovery.module.js.map