import { Module } from '@nestjs/common';
import { CommandConsumerStatus } from './command-consumer.status';
import { RegistryProducer } from './registry-producer';
import { TopicAdmin } from './topic-admin';

/** The Kafka edge: topic administration, the producer the registry writes with, the command consumer's state. */
@Module({
  providers: [TopicAdmin, RegistryProducer, CommandConsumerStatus],
  exports: [TopicAdmin, RegistryProducer, CommandConsumerStatus],
})
export class KafkaModule {}
