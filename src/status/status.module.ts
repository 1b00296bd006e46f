import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry';
import { ExplainController } from './explain.controller';
import { StatusController } from './status.controller';
import { StatusAuthGuard } from './status.guard';

/** The operator's view: the status page at `/` and explain (SPEC §3.7). */
@Module({
  imports: [RegistryModule],
  controllers: [StatusController, ExplainController],
  providers: [StatusAuthGuard],
})
export class StatusModule {}
