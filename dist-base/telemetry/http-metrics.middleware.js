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
exports.HttpMetricsMiddleware = exports.UNMATCHED_ROUTE = void 0;
exports.routeLabel = routeLabel;
const common_1 = require("@nestjs/common");
const http_metrics_1 = require("./http.metrics");
exports.UNMATCHED_ROUTE = 'unmatched';
function routeLabel(req) {
    const path = req.route?.path;
    return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : exports.UNMATCHED_ROUTE;
}
let HttpMetricsMiddleware = class HttpMetricsMiddleware {
    metrics;
    constructor(metrics) {
        this.metrics = metrics;
    }
    use(req, res, next) {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const method = req.method;
            const route = routeLabel(req);
            this.metrics.requests.inc({ method, route, status: String(res.statusCode) });
            this.metrics.duration.observe({ method, route }, seconds);
        });
        next();
    }
};
exports.HttpMetricsMiddleware = HttpMetricsMiddleware;
exports.HttpMetricsMiddleware = HttpMetricsMiddleware = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [http_metrics_1.HttpMetrics])
], HttpMetricsMiddleware);
//# sourceMappingURL=http-metrics.middleware.js.map