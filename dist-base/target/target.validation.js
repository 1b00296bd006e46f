"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_NESTING = exports.InvalidTargetError = void 0;
exports.validateTarget = validateTarget;
exports.validateTargetFor = validateTargetFor;
exports.validateDeregister = validateDeregister;
exports.keyProblem = keyProblem;
exports.utf8Problem = utf8Problem;
exports.parseCommandValue = parseCommandValue;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const node_buffer_1 = require("node:buffer");
const registration_1 = require("./registration");
const target_1 = require("./target");
const target_rules_1 = require("./target.rules");
class InvalidTargetError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidTargetError';
    }
}
exports.InvalidTargetError = InvalidTargetError;
exports.MAX_NESTING = 8;
function fieldName(name) {
    return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : JSON.stringify(name);
}
function describe(errors, prefix = '') {
    return errors.flatMap((error) => {
        const field = `${prefix}${fieldName(error.property)}`;
        const constraints = error.constraints ?? {};
        const reasons = Object.entries(constraints).map(([name, message]) => name === 'whitelistValidation' ? 'is not a known field' : message);
        const own = reasons.length > 0 ? [`${field}: ${reasons[0]}`] : [];
        return [...own, ...describe(error.children ?? [], `${field}.`)];
    });
}
function isObject(input) {
    return typeof input === 'object' && input !== null && !Array.isArray(input);
}
function hiddenKey(input) {
    return ['__proto__', 'constructor', 'prototype'].find((key) => Object.prototype.hasOwnProperty.call(input, key));
}
function nestedDeeperThan(value, limit) {
    let level = [value];
    for (let depth = 1;; depth++) {
        const containers = level.filter((v) => typeof v === 'object' && v !== null);
        if (containers.length === 0)
            return false;
        if (depth > limit)
            return true;
        level = containers.flatMap((container) => Object.values(container));
    }
}
function withDefaults(dto) {
    const target = {
        applicationUuid: dto.applicationUuid,
        host: dto.host,
        port: dto.port,
        path: dto.path ?? registration_1.DEFAULT_PATH,
        scheme: dto.scheme ?? registration_1.DEFAULT_SCHEME,
        labels: { ...dto.labels },
    };
    if (dto.ttlSeconds !== undefined)
        target.ttlSeconds = dto.ttlSeconds;
    return target;
}
function validateTarget(input) {
    if (!isObject(input))
        return { ok: false, error: 'value: must be a JSON object' };
    const hidden = hiddenKey(input);
    if (hidden !== undefined)
        return { ok: false, error: `${hidden}: is not a known field` };
    const deep = Object.keys(input).find((key) => nestedDeeperThan(input[key], exports.MAX_NESTING));
    if (deep !== undefined) {
        return {
            ok: false,
            error: `${fieldName(deep)}: is nested more than ${exports.MAX_NESTING} levels deep`,
        };
    }
    const { labels, ...fields } = input;
    const dto = (0, class_transformer_1.plainToInstance)(target_1.Target, fields);
    if (labels !== undefined)
        dto.labels = labels;
    const errors = (0, class_validator_1.validateSync)(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        stopAtFirstError: true,
    });
    return errors.length === 0
        ? { ok: true, value: withDefaults(dto) }
        : { ok: false, error: describe(errors).join('; ') };
}
function validateTargetFor(applicationUuid, body) {
    const id = validateDeregister({ applicationUuid });
    if (!id.ok)
        return id;
    if (!isObject(body))
        return { ok: false, error: 'value: must be a JSON object' };
    if (Object.prototype.hasOwnProperty.call(body, 'applicationUuid')) {
        return { ok: false, error: 'applicationUuid: is not a known field' };
    }
    return validateTarget({ ...body, applicationUuid });
}
function validateDeregister(input) {
    if (!isObject(input))
        return { ok: false, error: 'value: must be a JSON object' };
    const { applicationUuid } = input;
    if (typeof applicationUuid !== 'string') {
        return { ok: false, error: 'applicationUuid: must be a string' };
    }
    if (!target_rules_1.APPLICATION_UUID.test(applicationUuid)) {
        return { ok: false, error: `applicationUuid: must match ${target_rules_1.APPLICATION_UUID.source}` };
    }
    const unknown = Object.keys(input).find((key) => key !== 'applicationUuid');
    if (unknown !== undefined)
        return { ok: false, error: `${fieldName(unknown)}: is not a known field` };
    return { ok: true, value: { applicationUuid } };
}
function keyProblem(key, applicationUuid) {
    if (key === null || key === undefined || key.toString('utf8') === applicationUuid)
        return null;
    return 'key: must be the applicationUuid (or absent)';
}
const REPLACEMENT = '\ufffd';
function invalidUtf8Subject(bytes, text) {
    if (bytes.includes(Buffer.from(REPLACEMENT)) || /\\u[fF]{3}[dD]/.test(text))
        return null;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (!isObject(parsed))
        return null;
    for (const [key, value] of Object.entries(parsed)) {
        if (key.includes(REPLACEMENT))
            return null;
        if (typeof value === 'string' && value.includes(REPLACEMENT))
            return `${fieldName(key)}:`;
        if (key === 'labels' && isObject(value)) {
            for (const [name, label] of Object.entries(value)) {
                if (name.includes(REPLACEMENT))
                    return 'labels: a label name';
                if (typeof label === 'string' && label.includes(REPLACEMENT)) {
                    return `labels: value of ${JSON.stringify(name)}`;
                }
            }
        }
    }
    return null;
}
function utf8Problem(bytes, whole = 'value') {
    if ((0, node_buffer_1.isUtf8)(bytes))
        return null;
    const subject = invalidUtf8Subject(bytes, bytes.toString('utf8')) ?? `${whole}:`;
    return `${subject} is not valid UTF-8`;
}
function parseCommandValue(value) {
    if (value === null || value === undefined) {
        return { ok: false, error: 'value: is null (a tombstone is not a command)' };
    }
    if (value.length === 0)
        return { ok: false, error: 'value: is empty' };
    if (value.length > target_rules_1.MAX_COMMAND_BYTES) {
        return {
            ok: false,
            error: `value: is ${value.length} bytes, over the ${target_rules_1.MAX_COMMAND_BYTES}-byte limit`,
        };
    }
    const notUtf8 = utf8Problem(value);
    if (notUtf8 !== null)
        return { ok: false, error: notUtf8 };
    try {
        return { ok: true, value: JSON.parse(value.toString('utf8')) };
    }
    catch (error) {
        return { ok: false, error: `value: is not valid JSON (${error.message})` };
    }
}
//# sourceMappingURL=target.validation.js.map