"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = void 0;
exports.parseCli = parseCli;
const node_util_1 = require("node:util");
const environment_1 = require("../config/environment");
const registry_config_1 = require("../config/registry.config");
const cli_help_1 = require("./cli-help");
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
exports.UsageError = UsageError;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } };
const KAFKA_OPTIONS = {
    brokers: { type: 'string' },
    timeout: { type: 'string' },
    ...HELP_OPTION,
};
const OPTIONS = {
    serve: HELP_OPTION,
    register: {
        uuid: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        path: { type: 'string' },
        scheme: { type: 'string' },
        label: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        ...KAFKA_OPTIONS,
    },
    deregister: { uuid: { type: 'string' }, ...KAFKA_OPTIONS },
    list: {
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        ...HELP_OPTION,
    },
    explain: {
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        shard: { type: 'string' },
        shards: { type: 'string' },
        timeout: { type: 'string' },
        ...HELP_OPTION,
    },
};
function isCommand(name) {
    return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}
function parseCli(argv, env) {
    const [name, ...rest] = argv;
    if (name === undefined)
        throw new UsageError(`a command is required\n${cli_help_1.HELP.main}`);
    if (name === '--help' || name === '-h' || name === 'help') {
        const topic = rest[0];
        return { command: 'help', text: topic && isCommand(topic) ? cli_help_1.HELP[topic] : cli_help_1.HELP.main };
    }
    if (!isCommand(name)) {
        throw new UsageError(`unknown command "${name}" (commands: serve, register, deregister, list, explain; see ${cli_help_1.BIN} --help)`);
    }
    const { values, positionals } = parseOptions(name, rest);
    if (values.help)
        return { command: 'help', text: cli_help_1.HELP[name] };
    switch (name) {
        case 'serve':
            return { command: 'serve' };
        case 'register':
            return {
                command: 'register',
                target: targetFrom(values),
                kafka: kafkaRequest('register', values, env),
            };
        case 'deregister':
            return {
                command: 'deregister',
                applicationUuid: required(values, 'uuid'),
                kafka: kafkaRequest('deregister', values, env),
            };
        case 'list': {
            const { url, authorization } = sdUrl(typeof values.url === 'string' ? values.url : cli_help_1.DEFAULT_URL);
            return {
                command: 'list',
                url,
                authorization: typeof values.token === 'string' ? `Bearer ${values.token}` : authorization,
                json: values.json === true,
                timeoutMs: timeoutMs(values.timeout),
            };
        }
        case 'explain': {
            if (positionals.length !== 1) {
                throw new UsageError(`explain takes one applicationUuid (see ${cli_help_1.BIN} explain --help)`);
            }
            const [applicationUuid] = positionals;
            const { origin, authorization } = registryUrl(typeof values.url === 'string' ? values.url : cli_help_1.DEFAULT_URL);
            const url = new URL(`/api/v1/targets/${encodeURIComponent(applicationUuid)}/explain`, origin);
            if (values.shard !== undefined || values.shards !== undefined) {
                url.searchParams.set('shard', String(values.shard ?? ''));
                url.searchParams.set('shards', String(values.shards ?? ''));
            }
            return {
                command: 'explain',
                applicationUuid,
                url: url.toString(),
                authorization: typeof values.token === 'string' ? `Bearer ${values.token}` : authorization,
                json: values.json === true,
                timeoutMs: timeoutMs(values.timeout),
            };
        }
    }
}
function parseOptions(command, args) {
    const options = OPTIONS[command];
    const { values, tokens } = (0, node_util_1.parseArgs)({
        args,
        options,
        strict: false,
        allowPositionals: true,
        tokens: true,
    });
    const problem = (reason) => new UsageError(`${reason} (see ${cli_help_1.BIN} ${command} --help)`);
    const positionals = [];
    for (const token of tokens) {
        if (token.kind === 'positional') {
            if (command !== 'explain')
                throw problem(`Unexpected argument '${token.value}'`);
            positionals.push(token.value);
            continue;
        }
        if (token.kind !== 'option')
            continue;
        const option = `--${token.name}`;
        const type = options[token.name]?.type;
        if (type === undefined)
            throw problem(`unknown option ${token.rawName}`);
        if (type === 'boolean' && token.value !== undefined) {
            throw problem(`${option} does not take a value`);
        }
        if (type === 'string' && token.value === undefined)
            throw problem(`${option} needs a value`);
        if (type === 'string' && !token.inlineValue && /^-./.test(token.value ?? '')) {
            const value = token.value;
            throw problem(`${option} needs a value, or write ${option}=${value} if "${value}" is its value`);
        }
    }
    return { values, positionals };
}
function required(values, option) {
    const value = values[option];
    if (typeof value !== 'string')
        throw new UsageError(`--${option} is required`);
    return value;
}
function numeric(value) {
    return /^\d+$/.test(value) ? Number(value) : value;
}
function targetFrom(values) {
    const target = {
        applicationUuid: required(values, 'uuid'),
        host: required(values, 'host'),
        port: numeric(required(values, 'port')),
    };
    if (typeof values.path === 'string')
        target.path = values.path;
    if (typeof values.scheme === 'string')
        target.scheme = values.scheme;
    if (Array.isArray(values.label))
        target.labels = labels(values.label);
    if (typeof values.ttl === 'string')
        target.ttlSeconds = numeric(values.ttl);
    return target;
}
function labels(pairs) {
    const out = {};
    for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq < 1)
            throw new UsageError(`--label must be NAME=VALUE, got "${pair}"`);
        out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return out;
}
function timeoutMs(raw) {
    if (raw === undefined)
        return cli_help_1.DEFAULT_TIMEOUT_SECONDS * 1000;
    if (typeof raw !== 'string' || !/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) {
        throw new UsageError(`--timeout must be a number of seconds above 0, got "${String(raw)}"`);
    }
    return Math.round(Number(raw) * 1000);
}
function kafkaRequest(command, values, env) {
    const kafkaEnv = (0, environment_1.environmentReadBy)(command, env);
    if (typeof values.brokers === 'string')
        kafkaEnv.KAFKA_BROKERS = values.brokers;
    try {
        const config = (0, registry_config_1.loadRegistryConfig)(kafkaEnv);
        return {
            connection: config.kafka,
            topics: config.topics,
            timeoutMs: timeoutMs(values.timeout),
        };
    }
    catch (error) {
        if (!(error instanceof registry_config_1.ConfigError))
            throw error;
        const fromFlag = typeof values.brokers === 'string' && error.variable === 'KAFKA_BROKERS';
        throw new UsageError(fromFlag
            ? error.message.replace(/^invalid configuration: KAFKA_BROKERS/, '--brokers')
            : error.message);
    }
}
function registryUrl(raw) {
    const { url, authorization } = sdUrl(raw);
    return { origin: new URL(url).origin, authorization };
}
function sdUrl(raw) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new UsageError(`--url must be an http or https URL, got "${raw}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new UsageError(`--url must be an http or https URL, got "${raw}"`);
    }
    let authorization = null;
    if (url.username !== '' || url.password !== '') {
        const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
        url.username = '';
        url.password = '';
    }
    if (url.pathname === '/')
        url.pathname = environment_1.ENVIRONMENT.PROMETHEUS_SD_ENDPOINT.default;
    return { url: url.toString(), authorization };
}
//# sourceMappingURL=cli-args.js.map