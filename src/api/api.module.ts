import { DynamicModule, Module } from '@nestjs/common';
import { ApiTokenGuard } from './api-token.guard';
import { TargetsController } from './targets.controller';

/** The REST API (SPEC §3.5); AppModule imports it only when REGISTRY_API_TOKEN is set. */
@Module({})
export class ApiModule {
  static withRegistry(registry: DynamicModule): DynamicModule {
    return {
      module: ApiModule,
      imports: [registry],
      controllers: [TargetsController],
      providers: [ApiTokenGuard],
    };
  }
}
