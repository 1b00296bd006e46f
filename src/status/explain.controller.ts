import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { parseShardSelector, shardOf } from '../discovery/rendezvous';
import { RegistryConfig } from '../config/registry.config';
import { RegistryStatus } from '../registry';
import { TARGETS_PATH } from '../target/target-paths';
import { APPLICATION_UUID } from '../target/target.rules';
import { Explanation, explain } from './explain';
import { StatusAuthGuard, statusError } from './status.guard';

/**
 * `GET /api/v1/targets/{applicationUuid}/explain[?shard=I&shards=N]` (SPEC §3.7): why a target
 * is or is not served. On whether or not the REST API is on, with the status page's protection.
 */
@UseGuards(StatusAuthGuard)
@Controller(TARGETS_PATH)
export class ExplainController {
  constructor(
    private readonly config: RegistryConfig,
    private readonly status: RegistryStatus,
  ) {}

  @Get(':applicationUuid/explain')
  async explain(
    @Param('applicationUuid') applicationUuid: string,
    @Query('shard') shard: unknown,
    @Query('shards') shards: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Explanation> {
    if (!APPLICATION_UUID.test(applicationUuid)) {
      throw statusError(400, `applicationUuid: must match ${APPLICATION_UUID.source}`);
    }
    const selector = parseShardSelector(shard, shards);
    if (!selector.ok) throw statusError(400, selector.error);
    const snapshot = await this.status.snapshot();
    if (!snapshot.caughtUp) {
      res.setHeader('Retry-After', '5');
      throw statusError(503, 'not ready: the view is still catching up with the state topic');
    }
    res.setHeader('Cache-Control', 'no-store');
    const asked = selector.value;
    return explain({
      applicationUuid,
      snapshot,
      registration: this.status.registration(applicationUuid),
      removal: this.status.removal(applicationUuid, snapshot.now),
      rejection: this.status.lastRejection(applicationUuid, snapshot.now),
      leaseSlack: this.config.leaseSlack,
      shard:
        asked === null
          ? null
          : {
              asked: asked.shard,
              shards: asked.shards,
              actual: shardOf(applicationUuid, asked.shards),
            },
    });
  }
}
