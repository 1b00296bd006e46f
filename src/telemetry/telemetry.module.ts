import { Global, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { RegistryMetrics } from './registry.metrics';

/** The registry's own /metrics (prom-client defaults plus SPEC §3.3). */
@Global()
@Module({
  imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } })],
  providers: [{ provide: RegistryMetrics, useFactory: () => new RegistryMetrics() }],
  exports: [RegistryMetrics],
})
export class TelemetryModule {}
