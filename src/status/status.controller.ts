import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { REJECTION_WINDOW, RegistryStatus } from '../registry';
import { STATUS_PAGE_CSP, renderStatusPage } from './status-page';
import { StatusAuthGuard } from './status.guard';
import { parseStatusQuery, targetPage } from './target-filter';
import { TargetState, targetState } from './target-state';

/** Rejections the page lists. */
const RECENT_REJECTIONS = 100;
const HOUR_MS = 3_600_000;

/** `GET /`: the status page (SPEC §3.7), server-rendered, one page of targets at a time. */
@UseGuards(StatusAuthGuard)
@Controller()
export class StatusController {
  constructor(
    private readonly config: RegistryConfig,
    private readonly status: RegistryStatus,
  ) {}

  @Get()
  async page(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const snapshot = await this.status.snapshot();
    const stateOf = (r: Parameters<typeof targetState>[0]) => targetState(r, snapshot);
    const all = this.status.registrations();
    const counts: Record<TargetState, number> = { served: 0, held: 0, expired: 0 };
    for (const r of all) counts[stateOf(r)]++;
    const parsed = parseStatusQuery(query);
    const body = renderStatusPage({
      snapshot,
      stateTopic: this.config.topics.state,
      dlqTopic: this.config.topics.dlq,
      sdEndpoint: this.config.sdEndpoint,
      counts,
      stateWritesPerMinute: this.status.stateWritesPerMinute(snapshot.now),
      rejectionsLastHour: this.status.rejectionsSince(snapshot.now - HOUR_MS),
      query: parsed,
      page: targetPage(all, parsed, stateOf),
      stateOf,
      rejections: this.status.recentRejections(snapshot.now, RECENT_REJECTIONS),
      window: {
        hours: REJECTION_WINDOW.maxAgeMs / HOUR_MS,
        perPartition: REJECTION_WINDOW.perPartition,
      },
    });
    res
      .status(200)
      .setHeader('Content-Type', 'text/html; charset=utf-8')
      .setHeader('Content-Security-Policy', STATUS_PAGE_CSP)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Referrer-Policy', 'no-referrer')
      .setHeader('Cache-Control', 'no-store')
      .end(body);
  }
}
