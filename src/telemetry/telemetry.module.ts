import {
  Controller,
  DynamicModule,
  Get,
  Global,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { RegistryConfig } from '../config/registry.config';
import { StateTopicReader } from '../registry/state-topic.reader';
import { TargetView, isExpired } from '../registry/target-view';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { PrometheusExporter } from './prometheus-exporter';
import { RegistryMetrics, registerDefaultMetrics } from './registry.metrics';

/**
 * /metrics on PORT (the path comes from PrometheusModule). Written with res.end so the Content-Type
 * is the registry's exactly, as on METRICS_PORT (express's res.send would reorder its parameters).
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: RegistryMetrics) {}

  @Get()
  async index(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    res.status(200).setHeader('Content-Type', this.metrics.registry.contentType);
    res.end(body);
  }
}

/** Feeds metrics_registry_targets from the view at scrape time: what the SD endpoint serves now. */
@Injectable()
export class ServedTargetsGauge implements OnApplicationShutdown {
  private readonly detach: () => void;

  constructor(metrics: RegistryMetrics, view: TargetView, reader: StateTopicReader) {
    this.detach = metrics.countTargets(() => {
      if (!reader.caughtUp) return 0;
      const now = reader.leaseClock();
      let live = 0;
      for (const registration of view.all()) if (!isExpired(registration, now)) live++;
      return live;
    });
  }

  onApplicationShutdown(): void {
    this.detach();
  }
}

/** /metrics on METRICS_PORT instead of PORT; listening before the app counts as started. */
@Injectable()
export class MetricsPortExporter implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly exporter: PrometheusExporter;

  constructor(config: RegistryConfig, metrics: RegistryMetrics) {
    this.exporter = new PrometheusExporter({
      port: config.metricsPort ?? 0,
      registry: metrics.registry,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.exporter.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.exporter.stop();
  }
}

/**
 * The registry's own metrics (SPEC §3.3): prom-client's defaults, RegistryMetrics and the HTTP
 * metrics of every request, served at /metrics on PORT, or on METRICS_PORT when it is set.
 */
@Global()
@Module({})
export class TelemetryModule implements NestModule {
  static forRoot(config: RegistryConfig, registryModule: DynamicModule): DynamicModule {
    const onOwnPort = config.metricsPort !== null;
    return {
      module: TelemetryModule,
      imports: [
        registryModule,
        ...(onOwnPort
          ? []
          : [
              PrometheusModule.register({
                path: '/metrics',
                controller: MetricsController,
                defaultMetrics: { enabled: false },
              }),
            ]),
      ],
      providers: [
        {
          provide: RegistryMetrics,
          useFactory: () => {
            registerDefaultMetrics();
            return new RegistryMetrics();
          },
        },
        ServedTargetsGauge,
        ...(onOwnPort ? [MetricsPortExporter] : []),
      ],
      exports: [RegistryMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
