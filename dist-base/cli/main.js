#!/usr/bin/env node
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
Object.defineProperty(exports, "__esModule", { value: true });
exports.run = run;
const deadline_1 = require("../resilience/deadline");
const registration_1 = require("../target/registration");
const sd_target_group_1 = require("../target/sd-target-group");
const cli_args_1 = require("./cli-args");
const explain_text_1 = require("./explain-text");
const target_table_1 = require("./target-table");
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const COMMANDS = ['serve', 'register', 'deregister', 'list', 'explain'];
class RuntimeFailure extends Error {
}
async function run(argv, env) {
    let request;
    try {
        request = (0, cli_args_1.parseCli)(argv, env);
    }
    catch (error) {
        if (!(error instanceof cli_args_1.UsageError))
            throw error;
        report(COMMANDS.includes(argv[0]) ? argv[0] : undefined, error.message);
        return EXIT_USAGE;
    }
    try {
        switch (request.command) {
            case 'help':
                process.stdout.write(request.text);
                return EXIT_OK;
            case 'serve': {
                const { serve } = await Promise.resolve().then(() => __importStar(require('../main')));
                try {
                    await serve(env);
                }
                catch (error) {
                    throw new RuntimeFailure(`startup failed: ${error.message}`);
                }
                return null;
            }
            case 'register': {
                const message = await validated('register', (rules) => rules.registerCommand(request.target));
                if (message === null)
                    return EXIT_USAGE;
                await withKafka(request.kafka, 'register', (client) => client.register(message));
                const lease = message.ttlSeconds === undefined ? '' : `, lease ${message.ttlSeconds} s`;
                process.stdout.write(`registered ${message.applicationUuid}: ${message.scheme ?? registration_1.DEFAULT_SCHEME}://${(0, sd_target_group_1.targetAddress)(message.host, message.port)}${message.path ?? registration_1.DEFAULT_PATH}${lease}\n`);
                return EXIT_OK;
            }
            case 'deregister': {
                const checked = await validated('deregister', (rules) => rules.deregisterCommand(request.applicationUuid));
                if (checked === null)
                    return EXIT_USAGE;
                const { applicationUuid } = checked;
                await withKafka(request.kafka, 'deregister', (client) => client.deregister(applicationUuid));
                process.stdout.write(`deregistered ${applicationUuid}\n`);
                return EXIT_OK;
            }
            case 'list':
                process.stdout.write(await list(request));
                return EXIT_OK;
            case 'explain':
                process.stdout.write(await explain(request));
                return EXIT_OK;
        }
    }
    catch (error) {
        if (!(error instanceof RuntimeFailure))
            throw error;
        report(request.command, error.message);
        return EXIT_FAILURE;
    }
}
async function validated(command, check) {
    const rules = await Promise.resolve().then(() => __importStar(require('../client/commands')));
    const { InvalidTargetError } = await Promise.resolve().then(() => __importStar(require('../target/target.validation')));
    try {
        return check(rules);
    }
    catch (error) {
        if (!(error instanceof InvalidTargetError))
            throw error;
        report(command, error.message);
        return null;
    }
}
function report(command, message) {
    const where = command === undefined ? 'metrics-registry' : `metrics-registry ${command}`;
    process.stderr.write(`${where}: ${message}\n`);
}
async function withKafka(request, what, send) {
    const { Kafka, logLevel } = await Promise.resolve().then(() => __importStar(require('kafkajs')));
    const { MetricsRegistryClient } = await Promise.resolve().then(() => __importStar(require('../client/metrics-registry.client')));
    const { kafkaClientConfig } = await Promise.resolve().then(() => __importStar(require('../kafka/kafka-client.options')));
    const { KafkaAccessError, checkKafkaAccess, describeAccessFailure } = await Promise.resolve().then(() => __importStar(require('../kafka/kafka-access')));
    let lastKafkaError = '';
    const kafka = new Kafka({
        ...kafkaClientConfig(request.connection, 'cli'),
        logLevel: logLevel.ERROR,
        logCreator: () => (entry) => {
            lastKafkaError = entry.log.message;
        },
    });
    const client = new MetricsRegistryClient({
        kafka,
        topic: request.topics.commands,
        timeoutMs: request.timeoutMs,
    });
    const brokers = request.connection.brokers.join(',');
    const work = (async () => {
        await checkKafkaAccess(request.connection, 'cli');
        await send(client);
        await client.close({ deregister: false });
    })();
    try {
        await (0, deadline_1.withDeadline)(work, request.timeoutMs, 'no acknowledgement');
    }
    catch (error) {
        if (error instanceof deadline_1.DeadlineError) {
            const cause = lastKafkaError === '' ? '' : ` (last error: ${lastKafkaError})`;
            throw new RuntimeFailure(`Kafka at ${brokers} did not acknowledge the ${what} command within ${request.timeoutMs / 1000} s${cause}`);
        }
        const reason = error instanceof KafkaAccessError
            ? error.message
            : (describeAccessFailure(error, request.connection) ?? error.message);
        throw new RuntimeFailure(`Kafka at ${brokers}: ${reason}`);
    }
}
async function getJson(url, authorization, timeoutMs) {
    const headers = { accept: 'application/json' };
    if (authorization !== null)
        headers.authorization = authorization;
    let response;
    let text;
    try {
        response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
        text = await response.text();
    }
    catch (error) {
        const cause = error.cause;
        const reason = error.name === 'TimeoutError'
            ? `no answer within ${timeoutMs / 1000} s`
            : (cause?.message ?? error.message);
        throw new RuntimeFailure(`cannot read ${url}: ${reason}`);
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if (response.status !== 200) {
        const detail = typeof body === 'object' && body !== null && 'error' in body ? `: ${String(body.error)}` : '';
        throw new RuntimeFailure(`${url} answered ${response.status}${detail}`);
    }
    return body;
}
async function list(request) {
    const body = await getJson(request.url, request.authorization, request.timeoutMs);
    if (!(0, target_table_1.isSdBody)(body)) {
        throw new RuntimeFailure(`${request.url} did not answer a service discovery list`);
    }
    return request.json ? `${JSON.stringify(body, null, 2)}\n` : (0, target_table_1.formatTargetTable)(body);
}
async function explain(request) {
    const body = await getJson(request.url, request.authorization, request.timeoutMs);
    if (!(0, explain_text_1.isExplainAnswer)(body)) {
        throw new RuntimeFailure(`${request.url} did not answer an explanation`);
    }
    return request.json ? `${JSON.stringify(body, null, 2)}\n` : (0, explain_text_1.formatExplanation)(body);
}
if (require.main === module) {
    run(process.argv.slice(2), process.env).then((code) => {
        if (code !== null)
            process.exit(code);
    }, (error) => {
        process.stderr.write(`metrics-registry: unexpected error: ${error.stack ?? error.message}\n`);
        process.exit(EXIT_FAILURE);
    });
}
//# sourceMappingURL=main.js.map