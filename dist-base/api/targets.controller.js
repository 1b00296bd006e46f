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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TargetsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const registry_config_1 = require("../config/registry.config");
const registry_producer_1 = require("../kafka/registry-producer");
const registry_1 = require("../registry");
const target_policy_1 = require("../target/target.policy");
const target_validation_1 = require("../target/target.validation");
const api_error_1 = require("./api-error");
const api_paths_1 = require("./api-paths");
const api_token_guard_1 = require("./api-token.guard");
const registration_json_1 = require("./registration.json");
const target_openapi_1 = require("./target.openapi");
class RegistrationResponse {
    applicationUuid;
    host;
    port;
    path;
    scheme;
    labels;
    expiresAt;
    updatedAt;
}
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'shdr-gateway-1' }),
    __metadata("design:type", String)
], RegistrationResponse.prototype, "applicationUuid", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'shdr-gateway' }),
    __metadata("design:type", String)
], RegistrationResponse.prototype, "host", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 4000 }),
    __metadata("design:type", Number)
], RegistrationResponse.prototype, "port", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '/metrics' }),
    __metadata("design:type", String)
], RegistrationResponse.prototype, "path", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: ['http', 'https'] }),
    __metadata("design:type", String)
], RegistrationResponse.prototype, "scheme", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'object',
        additionalProperties: { type: 'string' },
        example: { env: 'prod', line: '3' },
    }),
    __metadata("design:type", Object)
], RegistrationResponse.prototype, "labels", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: String,
        format: 'date-time',
        nullable: true,
        description: 'When the lease runs out; null = no expiry.',
    }),
    __metadata("design:type", Object)
], RegistrationResponse.prototype, "expiresAt", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: String,
        format: 'date-time',
        nullable: true,
        description: 'When the registration was written; null for records written without it.',
    }),
    __metadata("design:type", Object)
], RegistrationResponse.prototype, "updatedAt", void 0);
class ApiErrorResponse {
    statusCode;
    error;
}
__decorate([
    (0, swagger_1.ApiProperty)({ example: 400 }),
    __metadata("design:type", Number)
], ApiErrorResponse.prototype, "statusCode", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'port: must be an integer from 1 to 65535' }),
    __metadata("design:type", String)
], ApiErrorResponse.prototype, "error", void 0);
const APPLICATION_UUID_PARAM = {
    name: 'applicationUuid',
    example: 'shdr-gateway-1',
    description: 'Matches ^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$',
};
let TargetsController = class TargetsController {
    view;
    reader;
    registry;
    config;
    constructor(view, reader, registry, config) {
        this.view = view;
        this.reader = reader;
        this.registry = registry;
        this.config = config;
    }
    list(res) {
        if (!this.reader.caughtUp) {
            res.setHeader('Retry-After', '5');
            throw (0, api_error_1.apiError)(503, 'not ready: the view is still catching up with the state topic');
        }
        return this.view.live(this.reader.leaseClock()).map(registration_json_1.registrationJson);
    }
    async put(applicationUuid, body, res) {
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw (0, api_error_1.apiError)(400, 'body: must be a JSON object (Content-Type: application/json)');
        }
        const command = (0, target_validation_1.validateTargetFor)(applicationUuid, body);
        if (!command.ok)
            throw (0, api_error_1.apiError)(400, command.error);
        const denied = (0, target_policy_1.targetPolicyProblem)(this.config.targetPolicy, command.value);
        if (denied !== null)
            throw (0, api_error_1.apiError)(403, denied);
        const { registration } = await this.write(res, (signal) => this.registry.register(command.value, { signal }));
        return (0, registration_json_1.registrationJson)(registration);
    }
    async delete(applicationUuid, res) {
        const command = (0, target_validation_1.validateDeregister)({ applicationUuid });
        if (!command.ok)
            throw (0, api_error_1.apiError)(400, command.error);
        await this.write(res, (signal) => this.registry.deregister(command.value.applicationUuid, { signal }));
    }
    async write(res, write) {
        const timeoutMs = this.config.apiWriteTimeoutMs;
        try {
            return await write(AbortSignal.timeout(timeoutMs));
        }
        catch (error) {
            if (error instanceof registry_producer_1.WithdrawnError) {
                res.setHeader('Retry-After', '5');
                throw (0, api_error_1.apiError)(503, `Kafka did not acknowledge the write within ${timeoutMs / 1000} s; nothing was written`);
            }
            if (error instanceof registry_producer_1.ShuttingDownError) {
                res.setHeader('Retry-After', '1');
                throw (0, api_error_1.apiError)(503, error.message);
            }
            throw error;
        }
    }
};
exports.TargetsController = TargetsController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'The registrations served now, sorted by applicationUuid' }),
    (0, swagger_1.ApiOkResponse)({ type: [RegistrationResponse] }),
    (0, swagger_1.ApiServiceUnavailableResponse)({
        type: ApiErrorResponse,
        description: 'The replica has not read the state topic to its end yet.',
    }),
    __param(0, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Array)
], TargetsController.prototype, "list", null);
__decorate([
    (0, common_1.Put)(':applicationUuid'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Register or replace a target; answers once Kafka acknowledged it' }),
    (0, swagger_1.ApiParam)(APPLICATION_UUID_PARAM),
    (0, swagger_1.ApiBody)({ type: target_openapi_1.TargetBody }),
    (0, swagger_1.ApiOkResponse)({ type: RegistrationResponse, description: 'The stored registration.' }),
    (0, swagger_1.ApiBadRequestResponse)({
        type: ApiErrorResponse,
        description: 'A rule is broken, or the body is not UTF-8 JSON; names the field.',
    }),
    (0, swagger_1.ApiForbiddenResponse)({
        type: ApiErrorResponse,
        description: 'The target policy refuses the host or port; names the field and the variable (REGISTRY_ALLOWED_HOSTS, REGISTRY_ALLOWED_PORTS, REGISTRY_DENIED_HOSTS).',
    }),
    (0, swagger_1.ApiPayloadTooLargeResponse)({ type: ApiErrorResponse, description: 'The body is over 64 KiB.' }),
    (0, swagger_1.ApiServiceUnavailableResponse)({
        type: ApiErrorResponse,
        description: 'Kafka did not acknowledge in time (nothing was written); retry after Retry-After.',
    }),
    __param(0, (0, common_1.Param)('applicationUuid')),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], TargetsController.prototype, "put", null);
__decorate([
    (0, common_1.Delete)(':applicationUuid'),
    (0, common_1.HttpCode)(204),
    (0, swagger_1.ApiOperation)({ summary: 'Withdraw a target (an unknown applicationUuid is not an error)' }),
    (0, swagger_1.ApiParam)(APPLICATION_UUID_PARAM),
    (0, swagger_1.ApiNoContentResponse)({ description: 'Withdrawn; Kafka acknowledged the tombstone.' }),
    (0, swagger_1.ApiBadRequestResponse)({ type: ApiErrorResponse, description: 'The applicationUuid is invalid.' }),
    (0, swagger_1.ApiServiceUnavailableResponse)({
        type: ApiErrorResponse,
        description: 'Kafka did not acknowledge in time (nothing was written); retry after Retry-After.',
    }),
    __param(0, (0, common_1.Param)('applicationUuid')),
    __param(1, (0, common_1.Res)({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], TargetsController.prototype, "delete", null);
exports.TargetsController = TargetsController = __decorate([
    (0, swagger_1.ApiTags)('targets'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: ApiErrorResponse, description: 'Missing or wrong bearer token.' }),
    (0, common_1.UseGuards)(api_token_guard_1.ApiTokenGuard),
    (0, common_1.Controller)(api_paths_1.TARGETS_PATH),
    __metadata("design:paramtypes", [registry_1.TargetView,
        registry_1.StateTopicReader,
        registry_1.RegistryService,
        registry_config_1.RegistryConfig])
], TargetsController);
//# sourceMappingURL=targets.controller.js.map