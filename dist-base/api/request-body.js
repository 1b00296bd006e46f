"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JSON_BODY_OPTIONS = exports.REQUEST_BODY_LIMIT = void 0;
exports.requestBodyErrors = requestBodyErrors;
const common_1 = require("@nestjs/common");
const escape_for_log_1 = require("../logging/escape-for-log");
const target_rules_1 = require("../target/target.rules");
const target_validation_1 = require("../target/target.validation");
exports.REQUEST_BODY_LIMIT = target_rules_1.MAX_COMMAND_BYTES;
function rejectInvalidUtf8(_req, _res, body) {
    const problem = (0, target_validation_1.utf8Problem)(body, 'body');
    if (problem !== null)
        throw Object.assign(new Error(problem), { status: 400 });
}
exports.JSON_BODY_OPTIONS = {
    limit: exports.REQUEST_BODY_LIMIT,
    inflate: false,
    strict: false,
    verify: rejectInvalidUtf8,
};
const REASONS = {
    'entity.too.large': [413, `body: is over the ${exports.REQUEST_BODY_LIMIT}-byte limit`],
    'entity.parse.failed': [400, 'body: is not valid JSON'],
    'charset.unsupported': [415, 'body: must be JSON in UTF-8'],
    'encoding.unsupported': [415, 'body: must not be compressed (Content-Encoding)'],
};
function answer(error) {
    const known = REASONS[error.type ?? ''];
    if (known !== undefined)
        return known;
    const status = error.status ?? 500;
    if (status < 400 || status >= 500)
        return [500, 'internal error'];
    return [
        status,
        error.type === 'entity.verify.failed' ? error.message : 'body: could not be read',
    ];
}
function requestBodyErrors() {
    const logger = new common_1.Logger('RequestBody');
    const logged = new Set();
    return (error, _req, res, next) => {
        if (res.headersSent)
            return next(error);
        const [statusCode, reason] = answer(error);
        const kind = error.type ?? 'unknown';
        if (!logged.has(kind)) {
            logged.add(kind);
            logger.warn(`request body refused with ${statusCode} (${kind}): ${(0, escape_for_log_1.escapeForLog)(reason)}; later ones of this kind are not logged`);
        }
        res.status(statusCode).json({ statusCode, error: reason });
    };
}
//# sourceMappingURL=request-body.js.map