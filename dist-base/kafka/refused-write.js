"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TRUNCATED_BYTES = void 0;
exports.refusalOf = refusalOf;
exports.truncatedDeadLetter = truncatedDeadLetter;
const REFUSED_FOR_GOOD = new Set([
    'MESSAGE_TOO_LARGE',
    'RECORD_LIST_TOO_LARGE',
    'INVALID_RECORD',
    'CORRUPT_MESSAGE',
    'TOPIC_AUTHORIZATION_FAILED',
]);
function refusalOf(error, depth = 0) {
    if (typeof error !== 'object' || error === null || depth > 5)
        return null;
    const { type, originalError, cause, errors } = error;
    if (typeof type === 'string' && REFUSED_FOR_GOOD.has(type))
        return type;
    for (const inner of [originalError, cause, ...(Array.isArray(errors) ? errors : [])]) {
        const found = refusalOf(inner, depth + 1);
        if (found !== null)
            return found;
    }
    return null;
}
exports.TRUNCATED_BYTES = 4096;
function bytesOf(data) {
    if (data === null || data === undefined)
        return null;
    return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
function truncatedDeadLetter(message, refusal) {
    const key = bytesOf(message.key);
    const value = bytesOf(message.value);
    const headers = { ...(message.headers ?? {}) };
    headers['x-truncated'] =
        `value ${value?.length ?? 0} bytes, key ${key?.length ?? 0} bytes, cut to ${exports.TRUNCATED_BYTES} each: ${refusal}`;
    return {
        key: key === null ? null : key.subarray(0, exports.TRUNCATED_BYTES),
        value: value === null ? null : value.subarray(0, exports.TRUNCATED_BYTES),
        headers,
    };
}
//# sourceMappingURL=refused-write.js.map