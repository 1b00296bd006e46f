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
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ShuttingDownError } from '../kafka/registry-producer';
import { RegistryService, StateTopicReader, TargetView } from '../registry';
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
@Controller('api/v1/targets')
export class TargetsController {
  constructor(
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly registry: RegistryService,
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
    description: 'A rule is broken; names the field.',
  })
  async put(
    @Param('applicationUuid') applicationUuid: string,
    @Body() body: unknown,
  ): Promise<RegistrationJson> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw apiError(400, 'body: must be a JSON object (Content-Type: application/json)');
    }
    const command = validateTargetFor(applicationUuid, body);
    if (!command.ok) throw apiError(400, command.error);
    return registrationJson(await whileRunning(this.registry.register(command.value)));
  }

  @Delete(':applicationUuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a target (an unknown applicationUuid is not an error)' })
  @ApiParam(APPLICATION_UUID_PARAM)
  @ApiNoContentResponse({ description: 'Withdrawn; Kafka acknowledged the tombstone.' })
  @ApiBadRequestResponse({ type: ApiErrorResponse, description: 'The applicationUuid is invalid.' })
  async delete(@Param('applicationUuid') applicationUuid: string): Promise<void> {
    const command = validateDeregister({ applicationUuid });
    if (!command.ok) throw apiError(400, command.error);
    await whileRunning(this.registry.deregister(command.value.applicationUuid));
  }
}

/** A write cut short by the replica's shutdown is a 503: the client may retry on another one. */
async function whileRunning<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ShuttingDownError) throw apiError(503, error.message);
    throw error;
  }
}
