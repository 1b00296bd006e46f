import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { retryWithBackoff } from '../resilience/backoff';
import { kafkaClientConfig } from './kafka-client.options';
import type { PartitionEnd } from './partition-end';
import { STATE_TOPIC_SETTINGS, stateTopicProblems } from './state-topic.settings';

/** Creates the registry's topics when missing and reads the state topic's end offsets. */
@Injectable()
export class TopicAdmin implements OnModuleInit {
  private readonly logger = new Logger(TopicAdmin.name);
  private readonly kafka: Kafka;
  /**
   * How long the state topic keeps a tombstone readable once cleaned (delete.retention.ms): ours
   * for a topic the registry creates, the topic's own when it exists and can be read.
   */
  private deleteRetentionMs = Number(STATE_TOPIC_SETTINGS['delete.retention.ms']);

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
          configEntries: Object.entries(STATE_TOPIC_SETTINGS).map(([name, value]) => ({
            name,
            value,
          })),
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
      if (existing.has(topics.state)) await this.checkStateTopic(admin);
    } catch (error) {
      // Another replica may have created them first.
      if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
    } finally {
      await admin.disconnect();
    }
  }

  /** The state topic's delete.retention.ms, as found at startup (see deleteRetentionMs). */
  get stateTopicDeleteRetentionMs(): number {
    return this.deleteRetentionMs;
  }

  /**
   * Warns about an existing state topic whose settings let start-up grow with the deployment's
   * age (STATE_TOPIC_SETTINGS). Never changes a topic the registry did not create.
   */
  private async checkStateTopic(admin: ReturnType<Kafka['admin']>): Promise<void> {
    const topic = this.config.topics.state;
    try {
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        includeSynonyms: false,
      });
      const configs = new Map(
        (resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]),
      );
      const deleteRetentionMs = Number(configs.get('delete.retention.ms'));
      if (Number.isFinite(deleteRetentionMs)) this.deleteRetentionMs = deleteRetentionMs;
      for (const problem of stateTopicProblems(topic, configs)) {
        this.logger.warn(`state topic ${topic}: ${problem}`);
      }
    } catch (error) {
      this.logger.warn(`could not read the configuration of ${topic}: ${(error as Error).message}`);
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
