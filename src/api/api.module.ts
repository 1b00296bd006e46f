import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry';
import { ApiTokenGuard } from './api-token.guard';
import { TargetsController } from './targets.controller';

/** The REST API (SPEC §3.5); AppModule imports it only when REGISTRY_API_TOKEN is set. */
@Module({
  imports: [RegistryModule],
  controllers: [TargetsController],
  providers: [ApiTokenGuard],
})
export class ApiModule {}
