import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { RegistryConfig } from '../config/registry.config';
import { HttpMetrics } from './http.metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsPortExporter } from './metrics-port.exporter';
import { createMetricsRegistry } from './metrics-registry';
import { MetricsController } from './metrics.controller';

/**
 * The app's prom-client Registry, injected by its class wherever a feature defines its metrics
 * (SPEC §3.3), with the HTTP metrics of every request, served at /metrics on PORT, or on
 * METRICS_PORT when it is set. Global, like the configuration: every feature has metrics.
 */
@Global()
@Module({})
export class TelemetryModule implements NestModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    const onOwnPort = config.metricsPort !== null;
    return {
      module: TelemetryModule,
      controllers: onOwnPort ? [] : [MetricsController],
      providers: [
        { provide: Registry, useFactory: createMetricsRegistry },
        HttpMetrics,
        ...(onOwnPort ? [MetricsPortExporter] : []),
      ],
      exports: [Registry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
