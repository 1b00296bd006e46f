import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { retryWithBackoff } from '../resilience/backoff';
import { kafkaClientConfig } from './kafka-client.options';
import type { PartitionEnd } from './partition-end';

/** Creates the registry's topics when missing and reads the state topic's end offsets. */
@Injectable()
export class TopicAdmin implements OnModuleInit {
  private readonly logger = new Logger(TopicAdmin.name);
  private readonly kafka: Kafka;

  constructor(private readonly config: RegistryConfig) {
    this.kafka = new Kafka(kafkaClientConfig(config.kafka, 'admin'));
  }

  async onModuleInit(): Promise<void> {
    // Right after a topic is created the broker may answer "does not host this topic-partition"
    // for a moment (KRaft metadata still propagating): try again before giving up.
    await retryWithBackoff(() => this.ensureTopics(), {
      initialMs: 500,
      maxMs: 8000,
      attempts: 6,
      onRetry: (error, _attempt, delay) =>
        this.logger.warn(`topic check failed, retrying in ${delay} ms: ${error.message}`),
    });
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
        ...[topics.commands, topics.register, topics.deregister, topics.dlq].map((topic) => ({
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
