import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { RegistryConfig } from './config/registry.config';
import { DiscoveryModule } from './discovery/discovery.module';
import { HealthModule } from './health/health.module';
import { RegistryModule } from './registry';
import { StatusModule } from './status/status.module';
import { TelemetryModule } from './telemetry/telemetry.module';

/** Wires the features for one validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TelemetryModule.forRoot(config),
        RegistryModule,
        ...DiscoveryModule.at(config.sdEndpoint),
        HealthModule,
        StatusModule,
        ...(config.apiToken === null ? [] : [ApiModule]),
      ],
      providers: [{ provide: RegistryConfig, useValue: config }],
      exports: [RegistryConfig],
    };
  }
}
