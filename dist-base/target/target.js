"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Target = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const target_rules_1 = require("./target.rules");
function IsTargetHost() {
    return (0, class_validator_1.ValidateBy)({
        name: 'isTargetHost',
        validator: {
            validate: (value) => typeof value === 'string' && (0, target_rules_1.isTargetHost)(value),
            defaultMessage: (args) => (0, target_rules_1.hostProblem)(String(args?.value)) ?? 'is invalid',
        },
    });
}
function IsMetricsPath() {
    return (0, class_validator_1.ValidateBy)({
        name: 'isMetricsPath',
        validator: { validate: (value) => typeof value === 'string' && (0, target_rules_1.isMetricsPath)(value) },
    }, {
        message: `must start with "/", contain no "?", "#", spaces, control characters or lone surrogates, and be at most ${target_rules_1.MAX_PATH_LENGTH} characters`,
    });
}
function IsAbsentOr() {
    return (0, class_validator_1.ValidateIf)((_, value) => value !== undefined);
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function IsLabelSet() {
    return (0, class_validator_1.ValidateBy)({
        name: 'isLabelSet',
        validator: {
            validate: (value) => isPlainObject(value) && (0, target_rules_1.labelsProblem)(value) === null,
            defaultMessage: (args) => isPlainObject(args?.value)
                ? ((0, target_rules_1.labelsProblem)(args.value) ?? 'is invalid')
                : 'must be an object of string values',
        },
    });
}
class Target {
    applicationUuid;
    host;
    port;
    path;
    scheme;
    labels;
    ttlSeconds;
}
exports.Target = Target;
__decorate([
    (0, class_validator_1.IsString)({ message: 'must be a string' }),
    (0, class_validator_1.Matches)(target_rules_1.APPLICATION_UUID, { message: `must match ${target_rules_1.APPLICATION_UUID.source}` }),
    __metadata("design:type", String)
], Target.prototype, "applicationUuid", void 0);
__decorate([
    (0, class_validator_1.IsString)({ message: 'must be a string' }),
    IsTargetHost(),
    __metadata("design:type", String)
], Target.prototype, "host", void 0);
__decorate([
    (0, class_transformer_1.Transform)(({ value }) => (0, target_rules_1.toPort)(value) ?? value),
    (0, class_validator_1.IsInt)({ message: 'must be an integer from 1 to 65535 (or a string of digits)' }),
    (0, class_validator_1.Min)(1, { message: 'must be an integer from 1 to 65535' }),
    (0, class_validator_1.Max)(65535, { message: 'must be an integer from 1 to 65535' }),
    __metadata("design:type", Number)
], Target.prototype, "port", void 0);
__decorate([
    IsAbsentOr(),
    (0, class_validator_1.IsString)({ message: 'must be a string' }),
    IsMetricsPath(),
    __metadata("design:type", String)
], Target.prototype, "path", void 0);
__decorate([
    IsAbsentOr(),
    (0, class_validator_1.IsIn)(['http', 'https'], { message: 'must be "http" or "https"' }),
    __metadata("design:type", String)
], Target.prototype, "scheme", void 0);
__decorate([
    IsAbsentOr(),
    (0, class_validator_1.IsObject)({ message: 'must be an object of string values' }),
    IsLabelSet(),
    __metadata("design:type", Object)
], Target.prototype, "labels", void 0);
__decorate([
    IsAbsentOr(),
    (0, class_validator_1.IsInt)({ message: `must be an integer from ${target_rules_1.MIN_TTL_SECONDS} to ${target_rules_1.MAX_TTL_SECONDS}` }),
    (0, class_validator_1.Min)(target_rules_1.MIN_TTL_SECONDS, {
        message: `must be an integer from ${target_rules_1.MIN_TTL_SECONDS} to ${target_rules_1.MAX_TTL_SECONDS}`,
    }),
    (0, class_validator_1.Max)(target_rules_1.MAX_TTL_SECONDS, {
        message: `must be an integer from ${target_rules_1.MIN_TTL_SECONDS} to ${target_rules_1.MAX_TTL_SECONDS}`,
    }),
    __metadata("design:type", Number)
], Target.prototype, "ttlSeconds", void 0);
//# sourceMappingURL=target.js.map