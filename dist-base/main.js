"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serve = serve;
exports.run = run;
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const app_factory_1 = require("./app.factory");
const registry_config_1 = require("./config/registry.config");
const kafka_access_1 = require("./kafka/kafka-access");
const SHUTDOWN_DEADLINE_MS = 10_000;
async function serve(env = process.env, loadedFrom = null) {
    const logger = new common_1.Logger('MetricsRegistry');
    let config;
    try {
        config = (0, registry_config_1.loadRegistryConfig)(env);
    }
    catch (error) {
        if (error instanceof registry_config_1.ConfigError) {
            logger.error(error.message);
            process.exit(2);
        }
        throw error;
    }
    if (loadedFrom !== null)
        logger.log(loadedFrom);
    const starting = (0, app_factory_1.startRegistryApp)(config);
    let stopping = false;
    const stop = async (signal) => {
        if (stopping)
            return;
        stopping = true;
        logger.log(`${signal} received, shutting down`);
        setTimeout(() => {
            logger.error(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms, exiting`);
            process.exit(1);
        }, SHUTDOWN_DEADLINE_MS).unref();
        const app = await starting.catch(() => null);
        await app?.close();
        process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    try {
        await starting;
    }
    catch (error) {
        if (stopping)
            return;
        const failure = (0, kafka_access_1.describeAccessFailure)(error, config.kafka);
        throw failure === null ? error : new Error(failure);
    }
}
function run(loadedFrom = null) {
    serve(process.env, loadedFrom).catch((error) => {
        new common_1.Logger('MetricsRegistry').error(`startup failed: ${error.message}`);
        process.exit(1);
    });
}
if (require.main === module)
    run();
//# sourceMappingURL=main.js.map