import { DynamicModule, Module } from '@nestjs/common';
import type { RegistryTopics } from '../config/registry.config';
import { KafkaModule } from '../kafka/kafka.module';
import { CommandCommitter } from './command-committer';
import { CommandConsumerStatus } from './command-consumer.status';
import { CommandExceptionFilter } from './command-exception.filter';
import { LeaseSweeper } from './lease-sweeper';
import { registryCommandsController } from './registry-commands.controller';
import { RegistryService } from './registry.service';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter } from './state-topic.writer';
import { TargetView } from './target-view';

/** Commands in, state out: the command handlers, the state topic writer and reader, leases. */
@Module({})
export class RegistryModule {
  static forTopics(topics: RegistryTopics): DynamicModule {
    return {
      module: RegistryModule,
      imports: [KafkaModule],
      controllers: [registryCommandsController(topics)],
      providers: [
        { provide: TargetView, useValue: new TargetView() },
        RegistryService,
        StateTopicWriter,
        StateTopicReader,
        LeaseSweeper,
        CommandExceptionFilter,
        CommandConsumerStatus,
        CommandCommitter,
      ],
      exports: [TargetView, StateTopicReader, RegistryService, CommandConsumerStatus],
    };
  }
}
