import { DynamicModule, Module } from '@nestjs/common';
import { discoveryController } from './discovery.controller';

/** View → Prometheus HTTP service discovery. */
@Module({})
export class DiscoveryModule {
  static forPath(path: string, registry: DynamicModule): DynamicModule {
    return {
      module: DiscoveryModule,
      imports: [registry],
      controllers: [discoveryController(path)],
    };
  }
}
