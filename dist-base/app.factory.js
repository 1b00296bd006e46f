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
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startRegistryApp = startRegistryApp;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const platform_express_1 = require("@nestjs/platform-express");
const express_1 = __importDefault(require("express"));
const kafkajs_1 = require("kafkajs");
const request_body_1 = require("./api/request-body");
const api_paths_1 = require("./api/api-paths");
const app_module_1 = require("./app.module");
const command_consumer_status_1 = require("./kafka/command-consumer.status");
const command_server_1 = require("./kafka/command-server");
const kafka_access_1 = require("./kafka/kafka-access");
const kafka_client_options_1 = require("./kafka/kafka-client.options");
const registry_1 = require("./registry");
const NEST_LEVELS = {
    fatal: ['fatal'],
    error: ['fatal', 'error'],
    warn: ['fatal', 'error', 'warn'],
    info: ['fatal', 'error', 'warn', 'log'],
    debug: ['fatal', 'error', 'warn', 'log', 'debug'],
    verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};
function httpAdapter(config) {
    const instance = (0, express_1.default)();
    instance.set('case sensitive routing', true);
    instance.set('strict routing', true);
    instance.disable('x-powered-by');
    if (config.apiToken !== null) {
        instance.use(`/${api_paths_1.TARGETS_PATH}`, express_1.default.json(request_body_1.JSON_BODY_OPTIONS), (0, request_body_1.requestBodyErrors)());
    }
    return new platform_express_1.ExpressAdapter(instance);
}
async function startRegistryApp(config) {
    await (0, kafka_access_1.checkKafkaAccess)(config.kafka, 'admin');
    const api = config.apiToken === null ? null : await Promise.resolve().then(() => __importStar(require('./api/api-docs')));
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(config, api?.ApiModule), httpAdapter(config), {
        logger: NEST_LEVELS[config.logLevel],
        bodyParser: false,
    });
    app.connectMicroservice({
        strategy: new command_server_1.CommandServer({
            client: (0, kafka_client_options_1.kafkaClientConfig)(config.kafka, 'commands'),
            consumer: { groupId: config.kafka.groupId, allowAutoTopicCreation: false },
            postfixId: '',
            subscribe: { fromBeginning: true },
            run: { autoCommit: false },
            producer: { createPartitioner: kafkajs_1.Partitioners.DefaultPartitioner },
        }, {
            [registry_1.COMMAND]: config.topics.commands,
            [registry_1.REGISTER]: config.topics.register,
            [registry_1.DEREGISTER]: config.topics.deregister,
        }, app.get(command_consumer_status_1.CommandConsumerStatus)),
    }, { inheritAppConfig: true });
    api?.setupApiDocs(app);
    try {
        await app.listen(config.port, config.host);
        await app.startAllMicroservices();
    }
    catch (error) {
        await app.close().catch(() => undefined);
        throw error;
    }
    const metricsAt = config.metricsPort === null ? '/metrics' : `/metrics on :${config.metricsPort}`;
    new common_1.Logger('MetricsRegistry').log(`listening on ${config.host}:${config.port}, SD at ${config.sdEndpoint}, ${metricsAt}, state topic ${config.topics.state}`);
    return app;
}
//# sourceMappingURL=app.factory.js.map