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
exports.StatusAuthGuard = void 0;
exports.statusError = statusError;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const status_auth_1 = require("./status-auth");
function statusError(statusCode, error) {
    return new common_1.HttpException({ statusCode, error }, statusCode);
}
let StatusAuthGuard = class StatusAuthGuard {
    credentials;
    constructor(config) {
        this.credentials = (0, status_auth_1.statusCredentials)(config);
    }
    canActivate(context) {
        const http = context.switchToHttp();
        if ((0, status_auth_1.statusAuthorized)(this.credentials, http.getRequest().headers.authorization)) {
            return true;
        }
        http.getResponse().setHeader('WWW-Authenticate', status_auth_1.STATUS_AUTH_CHALLENGE);
        throw statusError(401, 'missing or wrong credentials: send the SD or REST API bearer token, or SD_BASIC_AUTH');
    }
};
exports.StatusAuthGuard = StatusAuthGuard;
exports.StatusAuthGuard = StatusAuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig])
], StatusAuthGuard);
//# sourceMappingURL=status.guard.js.map