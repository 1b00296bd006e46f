import { DynamicModule, Module, Type } from '@nestjs/common';
import { RegistryConfig } from './config/registry.config';
import { DiscoveryModule } from './discovery/discovery.module';
import { HealthModule } from './health/health.module';
import { RegistryModule } from './registry';
import { StatusModule } from './status/status.module';
import { TelemetryModule } from './telemetry/telemetry.module';

/** Wires the features for one validated configuration. */
@Module({})
export class AppModule {
  /** `api`: the REST API's module when REGISTRY_API_TOKEN enables it (loaded only then). */
  static forRoot(config: RegistryConfig, api: Type | null = null): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TelemetryModule.forRoot(config),
        RegistryModule,
        ...DiscoveryModule.at(config.sdEndpoint),
        HealthModule,
        StatusModule,
        ...(api === null ? [] : [api]),
      ],
      providers: [{ provide: RegistryConfig, useValue: config }],
      exports: [RegistryConfig],
    };
  }
}
