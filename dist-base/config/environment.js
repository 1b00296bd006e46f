"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENVIRONMENT_VARIABLES = exports.ENVIRONMENT = void 0;
exports.variablesReadBy = variablesReadBy;
exports.environmentReadBy = environmentReadBy;
exports.readEnvironment = readEnvironment;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const config_error_1 = require("./config-error");
const target_policy_1 = require("./target-policy");
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const BROKER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/;
function integer(min, max) {
    return (value, name) => {
        if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
            throw new config_error_1.ConfigError(name, `must be an integer from ${min} to ${max}, got "${value}"`);
        }
        return Number(value);
    };
}
function share(value, name) {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 1) {
        throw new config_error_1.ConfigError(name, `must be a number above 0 and at most 1, got "${value}"`);
    }
    return n;
}
function fraction(value, name) {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n > 1) {
        throw new config_error_1.ConfigError(name, `must be a number from 0 to 1, got "${value}"`);
    }
    return n;
}
function oneOf(allowed) {
    return (value, name) => {
        const lower = value.toLowerCase();
        if (!allowed.includes(lower)) {
            throw new config_error_1.ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
        }
        return lower;
    };
}
const text = (value) => value;
function urlPath(value, name) {
    if (!/^\/[A-Za-z0-9._~\-/]*$/.test(value)) {
        throw new config_error_1.ConfigError(name, `must be a URL path starting with "/", got "${value}"`);
    }
    return value;
}
function brokers(value, name) {
    const list = value.split(',').map((b) => b.trim());
    for (const broker of list) {
        if (!BROKER.test(broker)) {
            throw new config_error_1.ConfigError(name, `must be a comma-separated list of host:port, got "${broker}"`);
        }
    }
    return list;
}
function flag(value, name) {
    if (/^(1|true|yes|on)$/i.test(value))
        return true;
    if (/^(0|false|no|off)$/i.test(value))
        return false;
    throw new config_error_1.ConfigError(name, `must be true or false, got "${value}"`);
}
function saslMechanism(value, name) {
    return /^(off|none)$/i.test(value) ? null : oneOf(SASL_MECHANISMS)(value, name);
}
function pemFile(value, name) {
    try {
        return { file: value, pem: (0, node_fs_1.readFileSync)(value, 'utf8') };
    }
    catch (error) {
        const reason = error.code ?? error.message;
        throw new config_error_1.ConfigError(name, `cannot read "${value}" (${reason})`);
    }
}
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
function certificatesFile(value, name) {
    const file = pemFile(value, name);
    const blocks = file.pem.match(CERTIFICATE_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new config_error_1.ConfigError(name, `"${value}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    }
    for (const block of blocks) {
        try {
            new node_crypto_1.X509Certificate(block);
        }
        catch {
            throw new config_error_1.ConfigError(name, `"${value}" holds a certificate that cannot be parsed`);
        }
    }
    return file;
}
function privateKeyFile(value, name) {
    const file = pemFile(value, name);
    try {
        (0, node_crypto_1.createPrivateKey)(file.pem);
    }
    catch {
        throw new config_error_1.ConfigError(name, `"${value}" holds no unencrypted PEM private key`);
    }
    return file;
}
function topic(value, name) {
    if (!TOPIC_NAME.test(value) || value === '.' || value === '..') {
        throw new config_error_1.ConfigError(name, `must be a Kafka topic name ([A-Za-z0-9._-], 1-249 chars), got "${value}"`);
    }
    return value;
}
function token(value, name) {
    if (value !== value.trim())
        throw new config_error_1.ConfigError(name, 'must not start or end with whitespace');
    return value;
}
function basicAuth(value, name) {
    const colon = token(value, name).indexOf(':');
    if (colon < 1)
        throw new config_error_1.ConfigError(name, 'must be "user:password"');
    return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}
function table(specs) {
    return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { ...spec, name }]));
}
const SERVE = ['serve'];
const SERVE_AND_KAFKA_COMMANDS = ['serve', 'register', 'deregister'];
exports.ENVIRONMENT = table({
    PORT: {
        default: '4000',
        parse: integer(0, 65535),
        help: 'HTTP port: service discovery, health, REST API and /metrics',
        secret: false,
        readBy: SERVE,
    },
    PROMETHEUS_SD_ENDPOINT: {
        default: '/prometheus/targets',
        parse: urlPath,
        help: 'path of the Prometheus HTTP service discovery endpoint',
        secret: false,
        readBy: SERVE,
    },
    KAFKA_BROKERS: {
        alias: 'KAFKA_BROKER',
        default: 'localhost:9092',
        parse: brokers,
        help: 'Kafka brokers, host:port[,host:port...]',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_CLIENT_ID: {
        default: 'metrics-registry',
        parse: text,
        help: 'client id the Kafka brokers see',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_GROUP_ID: {
        default: 'metrics-registry',
        parse: text,
        help: 'consumer group of the command topics, shared by all replicas',
        secret: false,
        readBy: SERVE,
    },
    KAFKA_SSL: {
        default: 'off',
        parse: flag,
        help: 'connect to Kafka over TLS: true or false',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SASL_MECHANISM: {
        default: 'off',
        parse: saslMechanism,
        help: `SASL authentication: ${SASL_MECHANISMS.join(', ')} or off`,
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SASL_USERNAME: {
        parse: text,
        help: 'SASL user name, required with a mechanism',
        secret: true,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SASL_PASSWORD: {
        parse: text,
        help: 'SASL password, required with a mechanism',
        secret: true,
        verbatim: true,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SSL_CA_FILE: {
        parse: certificatesFile,
        help: "PEM file of the CA certificates to trust for the brokers' certificates (with KAFKA_SSL); unset: the system's CAs",
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SSL_CERT_FILE: {
        parse: certificatesFile,
        help: 'PEM file of the client certificate (chain) for mutual TLS, with KAFKA_SSL_KEY_FILE',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    KAFKA_SSL_KEY_FILE: {
        parse: privateKeyFile,
        help: 'PEM file of the unencrypted private key of KAFKA_SSL_CERT_FILE',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    REGISTRY_COMMAND_TOPIC: {
        default: 'metrics-registry.commands',
        parse: topic,
        help: 'topic of the register and deregister commands, in order per applicationUuid',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    REGISTRY_REGISTER_TOPIC: {
        default: 'metrics-registry.register',
        parse: topic,
        help: 'topic of register commands (no order with the deregister topic)',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    REGISTRY_DEREGISTER_TOPIC: {
        default: 'metrics-registry.deregister',
        parse: topic,
        help: 'topic of deregister commands (no order with the register topic)',
        secret: false,
        readBy: SERVE_AND_KAFKA_COMMANDS,
    },
    REGISTRY_DLQ_TOPIC: {
        default: 'metrics-registry.dlq',
        parse: topic,
        help: 'dead letter topic of the rejected commands',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_STATE_TOPIC: {
        default: 'metrics_targets_topic',
        parse: topic,
        help: 'compacted topic of the registered targets: the source of truth',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_STATE_PARTITIONS: {
        default: '1',
        parse: integer(1, 10000),
        help: 'partitions of the state topic when the registry creates it',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_STATE_REPLICATION: {
        default: '1',
        parse: integer(1, 100),
        help: 'replication factor of the state topic when the registry creates it',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_LEASE_SLACK: {
        default: '0.5',
        parse: fraction,
        help: 'a lease is granted for ttlSeconds × (1 + this); renewals it already covers are not written again (0: write every renewal)',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_EXPIRY_BRAKE_SHARE: {
        default: '0.5',
        parse: share,
        help: 'the shrink brake holds expiry when more than this share of the leases stopped being renewed (1: off)',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_EXPIRY_BRAKE_MIN_TARGETS: {
        default: '10',
        parse: integer(1, 100_000_000),
        help: 'the shrink brake never engages with fewer registrations than this',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS: {
        default: '600',
        parse: integer(1, 604_800),
        help: 'longest time the shrink brake holds leases before they run out after all',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_API_WRITE_TIMEOUT_SECONDS: {
        default: '10',
        parse: integer(1, 3600),
        help: 'how long a REST write waits for Kafka before answering 503 with Retry-After',
        secret: false,
        readBy: SERVE,
    },
    METRICS_PORT: {
        parse: integer(0, 65535),
        help: 'port of a listener of its own for /metrics; unset: /metrics on PORT',
        secret: false,
        readBy: SERVE,
    },
    SD_BEARER_TOKEN: {
        parse: token,
        help: 'bearer token Prometheus must send to the SD endpoint',
        secret: true,
        verbatim: true,
        readBy: SERVE,
    },
    SD_BASIC_AUTH: {
        parse: basicAuth,
        help: '"user:password" Prometheus must send to the SD endpoint (basic auth)',
        secret: true,
        verbatim: true,
        readBy: SERVE,
    },
    REGISTRY_API_TOKEN: {
        parse: token,
        help: 'bearer token of the REST API; unset: no REST API',
        secret: true,
        verbatim: true,
        readBy: SERVE,
    },
    LOG_LEVEL: {
        default: 'info',
        parse: oneOf(LOG_LEVELS),
        help: `log level: ${LOG_LEVELS.join(', ')}`,
        secret: false,
        readBy: SERVE,
    },
    HOST: {
        default: '0.0.0.0',
        parse: target_policy_1.bindAddress,
        help: 'address the HTTP server binds to (:: for every IPv6 and IPv4 address)',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_ALLOWED_HOSTS: {
        parse: target_policy_1.hostPatterns,
        help: 'hosts a target may name: names, *.suffix wildcards, IP addresses, CIDR networks; unset: any',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_ALLOWED_PORTS: {
        parse: target_policy_1.portRanges,
        help: 'ports a target may name: ports and ranges, e.g. 9100-9199,8080; unset: any',
        secret: false,
        readBy: SERVE,
    },
    REGISTRY_DENIED_HOSTS: {
        default: target_policy_1.DEFAULT_DENIED_HOSTS,
        parse: target_policy_1.deniedHostPatterns,
        help: 'hosts a target may not name, over the allowed ones (same syntax); the default entries stay unless the list starts with none',
        secret: false,
        readBy: SERVE,
    },
});
exports.ENVIRONMENT_VARIABLES = Object.values(exports.ENVIRONMENT);
function variablesReadBy(reader) {
    return exports.ENVIRONMENT_VARIABLES.filter((v) => v.readBy.includes(reader));
}
function environmentReadBy(reader, env) {
    return Object.fromEntries(variablesReadBy(reader)
        .flatMap((v) => (v.alias === undefined ? [v.name] : [v.name, v.alias]))
        .map((name) => [name, env[name]]));
}
function valueIn(env, name, variable) {
    const value = env[name];
    if (value === undefined)
        return undefined;
    if (variable.verbatim)
        return value === '' ? undefined : value;
    return value.trim() === '' ? undefined : value.trim();
}
function read(env, variable) {
    const name = variable.alias !== undefined && valueIn(env, variable.name, variable) === undefined
        ? variable.alias
        : variable.name;
    const value = valueIn(env, name, variable) ?? variable.default;
    return value === undefined ? null : variable.parse(value, name);
}
function readEnvironment(env) {
    return Object.fromEntries(exports.ENVIRONMENT_VARIABLES.map((v) => [v.name, read(env, v)]));
}
//# sourceMappingURL=environment.js.map