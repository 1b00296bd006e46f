import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry } from 'prom-client';

/**
 * /metrics on PORT. Written with res.end so the Content-Type is the registry's exactly, as on
 * METRICS_PORT (express's res.send would reorder its parameters).
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  async metrics(@Res() res: Response): Promise<void> {
    const body = await this.registry.metrics();
    res.status(200).setHeader('Content-Type', this.registry.contentType);
    res.end(body);
  }
}
