"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMetricsRegistry = createMetricsRegistry;
const prom_client_1 = require("prom-client");
const GAUGES_NAMED_LIKE_COUNTERS = [
    'nodejs_active_handles_total',
    'nodejs_active_requests_total',
    'nodejs_active_resources_total',
];
function createMetricsRegistry() {
    const registry = new prom_client_1.Registry();
    (0, prom_client_1.collectDefaultMetrics)({ register: registry });
    for (const name of GAUGES_NAMED_LIKE_COUNTERS)
        registry.removeSingleMetric(name);
    return registry;
}
//# sourceMappingURL=metrics-registry.js.map