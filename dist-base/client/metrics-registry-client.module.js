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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var MetricsRegistryClientModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetricsRegistryClientModule = exports.METRICS_REGISTRY_CLIENT_OPTIONS = void 0;
const common_1 = require("@nestjs/common");
const metrics_registry_client_1 = require("./metrics-registry.client");
exports.METRICS_REGISTRY_CLIENT_OPTIONS = Symbol('METRICS_REGISTRY_CLIENT_OPTIONS');
let TargetRegistrationLifecycle = class TargetRegistrationLifecycle {
    options;
    client;
    constructor(options, client) {
        this.options = options;
        this.client = client;
    }
    async onApplicationBootstrap() {
        await this.client.register(this.options.target);
    }
    async onApplicationShutdown() {
        await this.client.close();
    }
};
TargetRegistrationLifecycle = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(exports.METRICS_REGISTRY_CLIENT_OPTIONS)),
    __metadata("design:paramtypes", [Object, metrics_registry_client_1.MetricsRegistryClient])
], TargetRegistrationLifecycle);
let MetricsRegistryClientModule = MetricsRegistryClientModule_1 = class MetricsRegistryClientModule {
    static forRoot(options) {
        return this.withOptions({ provide: exports.METRICS_REGISTRY_CLIENT_OPTIONS, useValue: options });
    }
    static forRootAsync(options) {
        return this.withOptions({
            provide: exports.METRICS_REGISTRY_CLIENT_OPTIONS,
            inject: options.inject ?? [],
            useFactory: options.useFactory,
        }, options.imports);
    }
    static withOptions(options, imports = []) {
        return {
            module: MetricsRegistryClientModule_1,
            imports,
            providers: [
                options,
                {
                    provide: metrics_registry_client_1.MetricsRegistryClient,
                    inject: [exports.METRICS_REGISTRY_CLIENT_OPTIONS],
                    useFactory: ({ target: _target, ...client }) => new metrics_registry_client_1.MetricsRegistryClient(client),
                },
                TargetRegistrationLifecycle,
            ],
            exports: [metrics_registry_client_1.MetricsRegistryClient],
        };
    }
};
exports.MetricsRegistryClientModule = MetricsRegistryClientModule;
exports.MetricsRegistryClientModule = MetricsRegistryClientModule = MetricsRegistryClientModule_1 = __decorate([
    (0, common_1.Module)({})
], MetricsRegistryClientModule);
//# sourceMappingURL=metrics-registry-client.module.js.map