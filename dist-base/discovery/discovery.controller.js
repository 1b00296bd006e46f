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
Object.defineProperty(exports, "__esModule", { value: true });
exports.DiscoveryController = void 0;
const common_1 = require("@nestjs/common");
const registry_config_1 = require("../config/registry.config");
const registry_1 = require("../registry");
const discovery_metrics_1 = require("./discovery.metrics");
const rendezvous_1 = require("./rendezvous");
const sd_auth_1 = require("./sd-auth");
const sd_body_cache_1 = require("./sd-body.cache");
const RETRY_AFTER_SECONDS = 5;
let DiscoveryController = class DiscoveryController {
    reader;
    metrics;
    cache;
    credentials;
    constructor(config, view, reader, metrics) {
        this.reader = reader;
        this.metrics = metrics;
        this.cache = new sd_body_cache_1.SdBodyCache(view);
        this.credentials = { bearerToken: config.sdBearerToken, basicAuth: config.sdBasicAuth };
    }
    targets(shard, shards, authorization, ifNoneMatch, res) {
        if (!(0, sd_auth_1.sdAuthorized)(this.credentials, authorization)) {
            res.setHeader('WWW-Authenticate', (0, sd_auth_1.sdAuthChallenge)(this.credentials));
            return this.error(res, 401, 'missing or wrong credentials');
        }
        const selector = (0, rendezvous_1.parseShardSelector)(shard, shards);
        if (!selector.ok)
            return this.error(res, 400, selector.error);
        if (!this.reader.caughtUp) {
            res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
            return this.error(res, 503, 'not ready: the view is still catching up with the state topic');
        }
        const { body, etag } = this.cache.get(this.reader.leaseClock(), selector.value);
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', 'no-cache');
        if ((0, sd_body_cache_1.etagMatches)(ifNoneMatch, etag)) {
            this.metrics.requests.inc({ code: '304' });
            res.status(304).end();
            return;
        }
        this.metrics.requests.inc({ code: '200' });
        res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(body);
    }
    otherMethods(res) {
        res.setHeader('Allow', 'GET, HEAD');
        this.error(res, 405, 'method not allowed: the SD endpoint answers GET and HEAD');
    }
    error(res, status, message) {
        this.metrics.requests.inc({ code: String(status) });
        res.status(status).json({ statusCode: status, error: message });
    }
};
exports.DiscoveryController = DiscoveryController;
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Query)('shard')),
    __param(1, (0, common_1.Query)('shards')),
    __param(2, (0, common_1.Headers)('authorization')),
    __param(3, (0, common_1.Headers)('if-none-match')),
    __param(4, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object, Object, Object]),
    __metadata("design:returntype", void 0)
], DiscoveryController.prototype, "targets", null);
__decorate([
    (0, common_1.All)(),
    __param(0, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], DiscoveryController.prototype, "otherMethods", null);
exports.DiscoveryController = DiscoveryController = __decorate([
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [registry_config_1.RegistryConfig,
        registry_1.TargetView,
        registry_1.StateTopicReader,
        discovery_metrics_1.DiscoveryMetrics])
], DiscoveryController);
//# sourceMappingURL=discovery.controller.js.map