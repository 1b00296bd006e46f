import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import type { PartitionEnd } from '../registry/catch-up';
import { kafkaClientConfig } from './kafka-client.options';

const ENSURE_ATTEMPTS = 6;

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
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensureTopics();
        return;
      } catch (error) {
        if (attempt >= ENSURE_ATTEMPTS) throw error;
        const delay = 250 * 2 ** attempt;
        this.logger.warn(
          `topic check failed, retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
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
