import { Module } from '@nestjs/common';
import { RegistryProducer } from './registry-producer';
import { TopicAdmin } from './topic-admin';

/** The Kafka edge: topic administration and the producer the registry writes with. */
@Module({
  providers: [TopicAdmin, RegistryProducer],
  exports: [TopicAdmin, RegistryProducer],
})
export class KafkaModule {}
