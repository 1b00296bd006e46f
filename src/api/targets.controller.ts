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
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ShuttingDownError } from '../kafka/registry-producer';
import { validateDeregisterTarget, validateTargetFor } from '../registry/command.validation';
import { RegistryService } from '../registry/registry.service';
import { StateTopicReader } from '../registry/state-topic.reader';
import { TargetView } from '../registry/target-view';
import { apiError } from './api-error';
import { ApiTokenGuard } from './api-token.guard';
import { TargetBody } from './dto/target.body';
import { ApiErrorDto, TargetItemDto } from './dto/target-item.dto';
import { TargetItem, targetItem } from './target-item';

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
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing or wrong bearer token.' })
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
  @ApiOkResponse({ type: [TargetItemDto] })
  @ApiServiceUnavailableResponse({
    type: ApiErrorDto,
    description: 'The replica has not read the state topic to its end yet.',
  })
  list(@Res({ passthrough: true }) res: Response): TargetItem[] {
    if (!this.reader.caughtUp) {
      res.setHeader('Retry-After', '5');
      throw apiError(503, 'not ready: the view is still catching up with the state topic');
    }
    return this.view.live(this.reader.leaseClock()).map(targetItem);
  }

  @Put(':applicationUuid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register or replace a target; answers once Kafka acknowledged it' })
  @ApiParam(APPLICATION_UUID_PARAM)
  @ApiBody({ type: TargetBody })
  @ApiOkResponse({ type: TargetItemDto, description: 'The stored registration.' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A rule is broken; names the field.' })
  async put(
    @Param('applicationUuid') applicationUuid: string,
    @Body() body: unknown,
  ): Promise<TargetItem> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw apiError(400, 'body: must be a JSON object (Content-Type: application/json)');
    }
    const command = validateTargetFor(applicationUuid, body);
    if (!command.ok) throw apiError(400, command.error);
    return targetItem(await whileRunning(this.registry.register(command.value)));
  }

  @Delete(':applicationUuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a target (an unknown applicationUuid is not an error)' })
  @ApiParam(APPLICATION_UUID_PARAM)
  @ApiNoContentResponse({ description: 'Withdrawn; Kafka acknowledged the tombstone.' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'The applicationUuid is invalid.' })
  async delete(@Param('applicationUuid') applicationUuid: string): Promise<void> {
    const command = validateDeregisterTarget({ applicationUuid });
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
