import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { RegistryConfig } from './config/registry.config';
import { DiscoveryModule } from './discovery/discovery.module';
import { HealthModule } from './health/health.module';
import { RegistryModule } from './registry/registry.module';
import { TelemetryModule } from './telemetry/telemetry.module';

/** Wires the features for one validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    const registry = RegistryModule.forTopics(config.topics);
    return {
      module: AppModule,
      global: true,
      imports: [
        TelemetryModule.forRoot(config, registry),
        registry,
        DiscoveryModule.forPath(config.sdEndpoint, registry),
        HealthModule.withRegistry(registry),
        ...(config.apiToken === null ? [] : [ApiModule.withRegistry(registry)]),
      ],
      providers: [{ provide: RegistryConfig, useValue: config }],
      exports: [RegistryConfig],
    };
  }
}
