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
exports.ApiTokenGuard = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const authorization_1 = require("../auth/authorization");
const api_error_1 = require("./api-error");
let ApiTokenGuard = class ApiTokenGuard {
    config;
    constructor(config) {
        this.config = config;
    }
    canActivate(context) {
        const http = context.switchToHttp();
        const { authorization } = http.getRequest().headers;
        const token = this.config.apiToken;
        if (token !== null && (0, authorization_1.bearerTokenMatches)(token, authorization))
            return true;
        http.getResponse().setHeader('WWW-Authenticate', 'Bearer realm="metrics-registry"');
        throw (0, api_error_1.apiError)(401, 'missing or wrong bearer token');
    }
};
exports.ApiTokenGuard = ApiTokenGuard;
exports.ApiTokenGuard = ApiTokenGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig])
], ApiTokenGuard);
//# sourceMappingURL=api-token.guard.js.map