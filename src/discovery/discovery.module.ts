import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { RegistryModule } from '../registry';
import { DiscoveryController } from './discovery.controller';
import { DiscoveryMetrics } from './discovery.metrics';

/** View → Prometheus HTTP service discovery, mounted at the configured path (RouterModule). */
@Module({
  imports: [RegistryModule],
  controllers: [DiscoveryController],
  providers: [DiscoveryMetrics],
})
export class DiscoveryModule {
  static at(path: string): DynamicModule[] {
    return [
      { module: DiscoveryModule },
      RouterModule.register([{ path, module: DiscoveryModule }]),
    ];
  }
}
