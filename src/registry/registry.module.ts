import { Module } from '@nestjs/common';
import { KafkaModule } from '../kafka/kafka.module';
import { CommandCommitter } from './command-committer';
import { CommandExceptionFilter } from './command-exception.filter';
import { CommandProcessor } from './command-processor';
import { CommandsController } from './commands.controller';
import { DlqTailReader } from './dlq-tail.reader';
import { LeaseSweeper } from './lease-sweeper';
import { RegistryMetrics } from './registry.metrics';
import { RegistryService } from './registry.service';
import { RegistryStatus } from './registry.status';
import { ServedTargetsGauge } from './served-targets.gauge';
import { StateHistory } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter } from './state-topic.writer';
import { TargetView } from './target-view';

/** Commands in, state out: the command handlers, the state topic writer and reader, leases. */
@Module({
  imports: [KafkaModule],
  controllers: [CommandsController],
  providers: [
    { provide: TargetView, useFactory: () => new TargetView() },
    RegistryMetrics,
    ServedTargetsGauge,
    RegistryService,
    StateTopicWriter,
    StateTopicReader,
    LeaseSweeper,
    CommandExceptionFilter,
    CommandCommitter,
    CommandProcessor,
    { provide: StateHistory, useFactory: () => new StateHistory() },
    DlqTailReader,
    RegistryStatus,
  ],
  exports: [KafkaModule, TargetView, StateTopicReader, RegistryService, RegistryStatus],
})
export class RegistryModule {}
