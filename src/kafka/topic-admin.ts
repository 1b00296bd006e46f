import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import type { PartitionEnd } from '../registry/catch-up';
import { kafkaClientConfig } from './kafka-client.options';

/** Creates the registry's topics when missing and reads the state topic's end offsets. */
@Injectable()
export class TopicAdmin implements OnModuleInit {
  private readonly logger = new Logger(TopicAdmin.name);
  private readonly kafka: Kafka;

  constructor(private readonly config: RegistryConfig) {
    this.kafka = new Kafka(kafkaClientConfig(config.kafka, 'admin'));
  }

  async onModuleInit(): Promise<void> {
    await this.ensureTopics();
  }

  async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const { topics, statePartitions, stateReplication } = this.config;
      const wanted = [
        {
          topic: topics.state,
          numPartitions: statePartitions,
          replicationFactor: stateReplication,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
        ...[topics.register, topics.deregister, topics.dlq].map((topic) => ({
          topic,
          numPartitions: -1,
          replicationFactor: -1,
        })),
      ].filter((t) => !existing.has(t.topic));
      if (wanted.length > 0) {
        await admin.createTopics({ topics: wanted, waitForLeaders: true });
        this.logger.log(`created topics: ${wanted.map((t) => t.topic).join(', ')}`);
      }
    } catch (error) {
      // Another replica may have created them first.
      if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
    } finally {
      await admin.disconnect();
    }
  }

  async endOffsets(topic: string): Promise<PartitionEnd[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({
        partition: o.partition,
        low: Number(o.low),
        high: Number(o.high),
      }));
    } finally {
      await admin.disconnect();
    }
  }
}
