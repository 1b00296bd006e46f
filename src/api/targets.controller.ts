import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { ShuttingDownError, WithdrawnError } from '../kafka/registry-producer';
import { RegistryService, StateTopicReader, TargetView } from '../registry';
import { TARGETS_PATH } from '../target/target-paths';
import { targetPolicyProblem } from '../target/target.policy';
import { validateDeregister, validateTargetFor } from '../target/target.validation';
import { apiError } from './api-error';
import { ApiTokenGuard } from './api-token.guard';
import { RegistrationJson, registrationJson } from './registration.json';
import { TargetBody } from './target.openapi';

/** The OpenAPI description of RegistrationJson. */
class RegistrationResponse implements RegistrationJson {
  @ApiProperty({ example: 'shdr-gateway-1' })
  applicationUuid!: string;

  @ApiProperty({ example: 'shdr-gateway' })
  host!: string;

  @ApiProperty({ type: 'integer', example: 4000 })
  port!: number;

  @ApiProperty({ example: '/metrics' })
  path!: string;

  @ApiProperty({ enum: ['http', 'https'] })
  scheme!: 'http' | 'https';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { env: 'prod', line: '3' },
  })
  labels!: Record<string, string>;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the lease runs out; null = no expiry.',
  })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the registration was written; null for records written without it.',
  })
  updatedAt!: string | null;
}

/** The error body of every 4xx/5xx answer of the API. */
class ApiErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'port: must be an integer from 1 to 65535' })
  error!: string;
}

const APPLICATION_UUID_PARAM = {
  name: 'applicationUuid',
  example: 'shdr-gateway-1',
  description: 'Matches ^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$',
};

/**
 * Registrations over HTTP for applications that cannot speak Kafka (SPEC §3.5): the same rules
 * and the same path to the state topic as the Kafka commands; writes answer once Kafka acked.
 */
@ApiTags('targets')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorResponse, description: 'Missing or wrong bearer token.' })
@UseGuards(ApiTokenGuard)
@Controller(TARGETS_PATH)
export class TargetsController {
  constructor(
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly registry: RegistryService,
    private readonly config: RegistryConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The registrations served now, sorted by applicationUuid' })
  @ApiOkResponse({ type: [RegistrationResponse] })
  @ApiServiceUnavailableResponse({
    type: ApiErrorResponse,
    description: 'The replica has not read the state topic to its end yet.',
  })
  list(@Res({ passthrough: true }) res: Response): RegistrationJson[] {
    if (!this.reader.caughtUp) {
      res.setHeader('Retry-After', '5');
      throw apiError(503, 'not ready: the view is still catching up with the state topic');
    }
    return this.view.live(this.reader.leaseClock()).map(registrationJson);
  }

  @Put(':applicationUuid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register or replace a target; answers once Kafka acknowledged it' })
  @ApiParam(APPLICATION_UUID_PARAM)
  @ApiBody({ type: TargetBody })
  @ApiOkResponse({ type: RegistrationResponse, description: 'The stored registration.' })
  @ApiBadRequestResponse({
    type: ApiErrorResponse,
    description: 'A rule is broken, or the body is not UTF-8 JSON; names the field.',
  })
  @ApiForbiddenResponse({
    type: ApiErrorResponse,
    description:
      'The target policy refuses the host or port; names the field and the variable (REGISTRY_ALLOWED_HOSTS, REGISTRY_ALLOWED_PORTS, REGISTRY_DENIED_HOSTS).',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorResponse, description: 'The body is over 64 KiB.' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorResponse,
    description:
      'Kafka did not acknowledge in time (nothing was written); retry after Retry-After.',
  })
  async put(
    @Param('applicationUuid') applicationUuid: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegistrationJson> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw apiError(400, 'body: must be a JSON object (Content-Type: application/json)');
    }
    const command = validateTargetFor(applicationUuid, body);
    if (!command.ok) throw apiError(400, command.error);
    const denied = targetPolicyProblem(this.config.targetPolicy, command.value);
    if (denied !== null) throw apiError(403, denied);
    const { registration } = await this.write(res, (signal) =>
      this.registry.register(command.value, { signal }),
    );
    return registrationJson(registration);
  }

  @Delete(':applicationUuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a target (an unknown applicationUuid is not an error)' })
  @ApiParam(APPLICATION_UUID_PARAM)
  @ApiNoContentResponse({ description: 'Withdrawn; Kafka acknowledged the tombstone.' })
  @ApiBadRequestResponse({ type: ApiErrorResponse, description: 'The applicationUuid is invalid.' })
  @ApiServiceUnavailableResponse({
    type: ApiErrorResponse,
    description:
      'Kafka did not acknowledge in time (nothing was written); retry after Retry-After.',
  })
  async delete(
    @Param('applicationUuid') applicationUuid: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const command = validateDeregister({ applicationUuid });
    if (!command.ok) throw apiError(400, command.error);
    await this.write(res, (signal) =>
      this.registry.deregister(command.value.applicationUuid, { signal }),
    );
  }

  /**
   * A write bounded by REGISTRY_API_WRITE_TIMEOUT_SECONDS: one Kafka has not taken by then is
   * withdrawn, so a 503 means nothing was written. Cut short by shutdown, it is a 503 too: the
   * client may retry on another replica.
   */
  private async write<T>(res: Response, write: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutMs = this.config.apiWriteTimeoutMs;
    try {
      return await write(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      if (error instanceof WithdrawnError) {
        res.setHeader('Retry-After', '5');
        throw apiError(
          503,
          `Kafka did not acknowledge the write within ${timeoutMs / 1000} s; nothing was written`,
        );
      }
      if (error instanceof ShuttingDownError) {
        res.setHeader('Retry-After', '1');
        throw apiError(503, error.message);
      }
      throw error;
    }
  }
}
