import { All, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { StateTopicReader, TargetView } from '../registry';
import { DiscoveryMetrics } from './discovery.metrics';
import { parseShardSelector } from './rendezvous';
import { SdCredentials, sdAuthChallenge, sdAuthorized } from './sd-auth';
import { SdBodyCache, etagMatches } from './sd-body.cache';

/** Seconds a client should wait before asking again while the view catches up. */
const RETRY_AFTER_SECONDS = 5;

/** The Prometheus HTTP SD endpoint (SPEC §3.1); DiscoveryModule mounts it at the configured path. */
@Controller()
export class DiscoveryController {
  private readonly cache: SdBodyCache;
  private readonly credentials: SdCredentials;

  constructor(
    config: RegistryConfig,
    view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly metrics: DiscoveryMetrics,
  ) {
    this.cache = new SdBodyCache(view);
    this.credentials = { bearerToken: config.sdBearerToken, basicAuth: config.sdBasicAuth };
  }

  @Get()
  targets(
    @Query('shard') shard: unknown,
    @Query('shards') shards: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): void {
    if (!sdAuthorized(this.credentials, authorization)) {
      res.setHeader('WWW-Authenticate', sdAuthChallenge(this.credentials));
      return this.error(res, 401, 'missing or wrong credentials');
    }
    const selector = parseShardSelector(shard, shards);
    if (!selector.ok) return this.error(res, 400, selector.error);
    if (!this.reader.caughtUp) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return this.error(res, 503, 'not ready: the view is still catching up with the state topic');
    }
    const { body, etag } = this.cache.get(this.reader.leaseClock(), selector.value);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (etagMatches(ifNoneMatch, etag)) {
      this.metrics.requests.inc({ code: '304' });
      res.status(304).end();
      return;
    }
    this.metrics.requests.inc({ code: '200' });
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
  }

  /** Any other method (Express answers HEAD with the GET route, without the body). */
  @All()
  otherMethods(@Res() res: Response): void {
    res.setHeader('Allow', 'GET, HEAD');
    this.error(res, 405, 'method not allowed: the SD endpoint answers GET and HEAD');
  }

  /** `{"statusCode":…,"error":"…"}`, the error shape of the REST API too. */
  private error(res: Response, status: number, message: string): void {
    this.metrics.requests.inc({ code: String(status) });
    res.status(status).json({ statusCode: status, error: message });
  }
}
