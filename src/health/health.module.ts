import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  static withRegistry(registry: DynamicModule): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), registry],
      controllers: [HealthController],
    };
  }
}
