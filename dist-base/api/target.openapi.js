"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TargetBody = void 0;
const swagger_1 = require("@nestjs/swagger");
const target_1 = require("../target/target");
const target_rules_1 = require("../target/target.rules");
const describe = (property, decorator) => decorator(target_1.Target.prototype, property);
describe('applicationUuid', (0, swagger_1.ApiProperty)({ example: 'shdr-gateway-1', pattern: target_rules_1.APPLICATION_UUID.source }));
describe('host', (0, swagger_1.ApiProperty)({
    example: 'shdr-gateway',
    maxLength: 253,
    description: 'A host name (letters, digits, ".", "-", "_"), an IPv4 or an IPv6 address; no scheme, port or path.',
}));
describe('port', (0, swagger_1.ApiProperty)({
    example: 4000,
    minimum: 1,
    maximum: 65535,
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d{1,5}$' }],
    description: 'An integer 1–65535 (a string of digits is accepted and converted).',
}));
describe('path', (0, swagger_1.ApiPropertyOptional)({
    example: '/metrics',
    default: '/metrics',
    maxLength: target_rules_1.MAX_PATH_LENGTH,
    description: 'Starts with "/"; no "?", "#", spaces or control characters.',
}));
describe('scheme', (0, swagger_1.ApiPropertyOptional)({ enum: ['http', 'https'], default: 'http' }));
describe('labels', (0, swagger_1.ApiPropertyOptional)({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: target_rules_1.MAX_LABEL_VALUE_LENGTH },
    maxProperties: target_rules_1.MAX_LABELS,
    example: { env: 'prod', line: '3' },
    description: 'Prometheus labels: names match ^[a-zA-Z_][a-zA-Z0-9_]*$ and do not start with "__".',
}));
describe('ttlSeconds', (0, swagger_1.ApiPropertyOptional)({
    type: 'integer',
    minimum: target_rules_1.MIN_TTL_SECONDS,
    maximum: target_rules_1.MAX_TTL_SECONDS,
    example: 60,
    description: 'A lease: without a new PUT within ttlSeconds the target is no longer served. Absent = no expiry.',
}));
class TargetBody extends (0, swagger_1.OmitType)(target_1.Target, ['applicationUuid']) {
}
exports.TargetBody = TargetBody;
//# sourceMappingURL=target.openapi.js.map