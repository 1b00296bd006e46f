"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RegistryConfig = exports.ConfigError = void 0;
exports.loadRegistryConfig = loadRegistryConfig;
const node_crypto_1 = require("node:crypto");
const config_error_1 = require("./config-error");
Object.defineProperty(exports, "ConfigError", { enumerable: true, get: function () { return config_error_1.ConfigError; } });
const environment_1 = require("./environment");
const target_policy_1 = require("./target-policy");
class RegistryConfig {
    port = 4000;
    sdEndpoint = '/prometheus/targets';
    kafka = {
        brokers: ['localhost:9092'],
        clientId: 'metrics-registry',
        groupId: 'metrics-registry',
        ssl: false,
        sslFiles: { ca: null, cert: null, key: null },
        sasl: null,
    };
    topics = {
        commands: 'metrics-registry.commands',
        register: 'metrics-registry.register',
        deregister: 'metrics-registry.deregister',
        dlq: 'metrics-registry.dlq',
        state: 'metrics_targets_topic',
    };
    statePartitions = 1;
    stateReplication = 1;
    metricsPort = null;
    sdBearerToken = null;
    sdBasicAuth = null;
    apiToken = null;
    logLevel = 'info';
    host = '0.0.0.0';
    targetPolicy = {
        allowedHosts: null,
        allowedPorts: null,
        deniedHosts: (0, target_policy_1.deniedHostPatterns)(target_policy_1.DEFAULT_DENIED_HOSTS, 'REGISTRY_DENIED_HOSTS'),
    };
    leaseSlack = 0.5;
    expiryBrake = { share: 0.5, minTargets: 10, holdLimitMs: 600_000 };
    apiWriteTimeoutMs = 10_000;
    leaseSweepIntervalMs = 1000;
    with(overrides) {
        return Object.assign(new RegistryConfig(), this, overrides);
    }
}
exports.RegistryConfig = RegistryConfig;
function loadRegistryConfig(env) {
    const values = (0, environment_1.readEnvironment)(env);
    const config = new RegistryConfig();
    config.port = values.PORT;
    config.sdEndpoint = values.PROMETHEUS_SD_ENDPOINT;
    config.kafka = {
        brokers: values.KAFKA_BROKERS,
        clientId: values.KAFKA_CLIENT_ID,
        groupId: values.KAFKA_GROUP_ID,
        ssl: values.KAFKA_SSL,
        sslFiles: sslFiles(values),
        sasl: sasl(values),
    };
    config.topics = {
        commands: values.REGISTRY_COMMAND_TOPIC,
        register: values.REGISTRY_REGISTER_TOPIC,
        deregister: values.REGISTRY_DEREGISTER_TOPIC,
        dlq: values.REGISTRY_DLQ_TOPIC,
        state: values.REGISTRY_STATE_TOPIC,
    };
    config.statePartitions = values.REGISTRY_STATE_PARTITIONS;
    config.stateReplication = values.REGISTRY_STATE_REPLICATION;
    config.leaseSlack = values.REGISTRY_LEASE_SLACK;
    config.expiryBrake = {
        share: values.REGISTRY_EXPIRY_BRAKE_SHARE,
        minTargets: values.REGISTRY_EXPIRY_BRAKE_MIN_TARGETS,
        holdLimitMs: values.REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS * 1000,
    };
    config.apiWriteTimeoutMs = values.REGISTRY_API_WRITE_TIMEOUT_SECONDS * 1000;
    config.metricsPort = values.METRICS_PORT;
    config.sdBearerToken = values.SD_BEARER_TOKEN;
    config.sdBasicAuth = values.SD_BASIC_AUTH;
    config.apiToken = values.REGISTRY_API_TOKEN;
    config.logLevel = values.LOG_LEVEL;
    config.host = values.HOST;
    config.targetPolicy = {
        allowedHosts: values.REGISTRY_ALLOWED_HOSTS,
        allowedPorts: values.REGISTRY_ALLOWED_PORTS,
        deniedHosts: values.REGISTRY_DENIED_HOSTS,
    };
    if (config.metricsPort !== null &&
        config.metricsPort !== 0 &&
        config.metricsPort === config.port) {
        throw new config_error_1.ConfigError('METRICS_PORT', `must differ from PORT (both are ${config.port})`);
    }
    const topics = Object.values(config.topics);
    if (new Set(topics).size !== topics.length) {
        throw new config_error_1.ConfigError('REGISTRY_STATE_TOPIC', 'and the command and DLQ topics must all be different');
    }
    return config;
}
function sslFiles(values) {
    const files = {
        KAFKA_SSL_CA_FILE: values.KAFKA_SSL_CA_FILE,
        KAFKA_SSL_CERT_FILE: values.KAFKA_SSL_CERT_FILE,
        KAFKA_SSL_KEY_FILE: values.KAFKA_SSL_KEY_FILE,
    };
    for (const [name, file] of Object.entries(files)) {
        if (file !== null && !values.KAFKA_SSL) {
            throw new config_error_1.ConfigError(name, 'is set, but KAFKA_SSL is off: set KAFKA_SSL=true');
        }
    }
    const { KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key } = files;
    if (cert !== null && key === null) {
        throw new config_error_1.ConfigError('KAFKA_SSL_KEY_FILE', 'is required when KAFKA_SSL_CERT_FILE is set');
    }
    if (key !== null && cert === null) {
        throw new config_error_1.ConfigError('KAFKA_SSL_CERT_FILE', 'is required when KAFKA_SSL_KEY_FILE is set');
    }
    if (cert !== null && key !== null) {
        if (!new node_crypto_1.X509Certificate(cert.pem).checkPrivateKey((0, node_crypto_1.createPrivateKey)(key.pem))) {
            throw new config_error_1.ConfigError('KAFKA_SSL_KEY_FILE', `"${key.file}" is not the key of the certificate in KAFKA_SSL_CERT_FILE "${cert.file}"`);
        }
    }
    return { ca: files.KAFKA_SSL_CA_FILE, cert, key };
}
function sasl(values) {
    const mechanism = values.KAFKA_SASL_MECHANISM;
    if (mechanism === null)
        return null;
    const username = values.KAFKA_SASL_USERNAME;
    const password = values.KAFKA_SASL_PASSWORD;
    if (username === null)
        throw new config_error_1.ConfigError('KAFKA_SASL_USERNAME', 'is required when KAFKA_SASL_MECHANISM is set');
    if (password === null)
        throw new config_error_1.ConfigError('KAFKA_SASL_PASSWORD', 'is required when KAFKA_SASL_MECHANISM is set');
    return { mechanism, username, password };
}
//# sourceMappingURL=registry.config.js.map