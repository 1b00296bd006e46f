import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
import { PrometheusExporter } from './prometheus-exporter';

/**
 * /metrics on METRICS_PORT instead of PORT, on the same address (HOST); listening before the app
 * counts as started.
 */
@Injectable()
export class MetricsPortExporter implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly exporter: PrometheusExporter;

  constructor(config: RegistryConfig, registry: Registry) {
    this.exporter = new PrometheusExporter({
      port: config.metricsPort ?? 0,
      host: config.host,
      registry,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.exporter.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.exporter.stop();
  }
}
