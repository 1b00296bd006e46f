"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.encodeStateValue = encodeStateValue;
exports.decodeStateRecord = decodeStateRecord;
const registration_1 = require("../target/registration");
const target_rules_1 = require("../target/target.rules");
const target_policy_1 = require("../target/target.policy");
const target_validation_1 = require("../target/target.validation");
function encodeStateValue(registration) {
    const value = {
        HOST: registration.host,
        PORT: registration.port,
        PATH: registration.path,
        SCHEME: registration.scheme,
        LABELS: registration.labels,
        EXPIRES_AT: registration.expiresAt,
        UPDATED_AT: registration.updatedAt,
    };
    return Buffer.from(JSON.stringify(value));
}
function epochMillis(value) {
    if (value === undefined || value === null)
        return null;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
function decodeStateRecord(key, value, policy) {
    if (key === null || key.length === 0)
        return { kind: 'invalid', reason: 'key: is missing' };
    const applicationUuid = key.toString('utf8');
    if (!target_rules_1.APPLICATION_UUID.test(applicationUuid)) {
        return { kind: 'invalid', reason: `key: must match ${target_rules_1.APPLICATION_UUID.source}` };
    }
    if (value === null)
        return { kind: 'delete', applicationUuid };
    const notUtf8 = (0, target_validation_1.utf8Problem)(value);
    if (notUtf8 !== null)
        return { kind: 'invalid', reason: notUtf8 };
    let parsed;
    try {
        parsed = JSON.parse(value.toString('utf8'));
    }
    catch {
        return { kind: 'invalid', reason: 'value: is not valid JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { kind: 'invalid', reason: 'value: must be a JSON object' };
    }
    const record = parsed;
    const host = record.HOST;
    if (typeof host !== 'string')
        return { kind: 'invalid', reason: 'HOST: must be a string' };
    const badHost = (0, target_rules_1.hostProblem)(host);
    if (badHost !== null)
        return { kind: 'invalid', reason: `HOST: ${badHost}` };
    const port = (0, target_rules_1.toPort)(record.PORT);
    if (port === null)
        return { kind: 'invalid', reason: 'PORT: must be an integer from 1 to 65535' };
    const path = record.PATH ?? registration_1.DEFAULT_PATH;
    if (typeof path !== 'string' || !(0, target_rules_1.isMetricsPath)(path))
        return { kind: 'invalid', reason: 'PATH: is not a valid path' };
    const scheme = record.SCHEME ?? 'http';
    if (scheme !== 'http' && scheme !== 'https')
        return { kind: 'invalid', reason: 'SCHEME: must be "http" or "https"' };
    const labels = record.LABELS ?? {};
    if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
        return { kind: 'invalid', reason: 'LABELS: must be an object' };
    }
    const labelProblem = (0, target_rules_1.labelsProblem)(labels);
    if (labelProblem !== null)
        return { kind: 'invalid', reason: `LABELS: ${labelProblem}` };
    const expiresAt = epochMillis(record.EXPIRES_AT);
    if (expiresAt === undefined)
        return { kind: 'invalid', reason: 'EXPIRES_AT: must be epoch milliseconds' };
    const updatedAt = epochMillis(record.UPDATED_AT);
    if (updatedAt === undefined)
        return { kind: 'invalid', reason: 'UPDATED_AT: must be epoch milliseconds' };
    const denied = (0, target_policy_1.targetPolicyProblem)(policy, { host, port });
    if (denied !== null)
        return { kind: 'denied', applicationUuid, reason: denied };
    const held = labels;
    for (const name in held)
        held[name] = sharedText(held[name]);
    return {
        kind: 'put',
        registration: {
            applicationUuid,
            host,
            port,
            path: sharedText(path),
            scheme: scheme === 'http' ? 'http' : 'https',
            labels: held,
            expiresAt,
            updatedAt,
        },
    };
}
const SHARED_TEXTS_MAX = 10_000;
const SHARED_TEXT_MAX_LENGTH = 64;
const sharedTexts = new Map();
function sharedText(text) {
    if (text.length > SHARED_TEXT_MAX_LENGTH)
        return text;
    const shared = sharedTexts.get(text);
    if (shared !== undefined)
        return shared;
    if (sharedTexts.size < SHARED_TEXTS_MAX)
        sharedTexts.set(text, text);
    return text;
}
//# sourceMappingURL=state-record.js.map