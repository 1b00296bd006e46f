import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** metrics_registry_sd_requests_total (SPEC §3.3). */
@Injectable()
export class DiscoveryMetrics {
  readonly requests: Counter<'code'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'metrics_registry_sd_requests_total',
      help: 'HTTP service discovery requests by status code.',
      labelNames: ['code'],
      registers: [registry],
    });
  }
}
