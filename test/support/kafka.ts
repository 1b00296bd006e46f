import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, KafkaMessage, Message, Partitioners, Producer, logLevel } from 'kafkajs';
import type { RegistryTopics } from '../../src/config/registry.config';
import { waitFor } from './wait';

/** The broker scripts/test.sh started for this run. */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the e2e specs through `npm test`');
  return brokers.split(',');
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: 'e2e', brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

/** Topic names no other spec uses, so specs never see each other's records. */
export function uniqueTopics(): RegistryTopics {
  const id = randomUUID().slice(0, 8);
  return {
    commands: `e2e-${id}.commands`,
    register: `e2e-${id}.register`,
    deregister: `e2e-${id}.deregister`,
    dlq: `e2e-${id}.dlq`,
    state: `e2e-${id}.state`,
  };
}

/** A plain kafkajs producer, as an application would use. */
export class TestProducer {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(kafka: Kafka = testKafka()) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async send(topic: string, messages: Message[]): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    await this.producer.send({ topic, messages, acks: -1 });
  }

  async sendJson(topic: string, key: string, value: unknown): Promise<void> {
    await this.send(topic, [{ key, value: JSON.stringify(value) }]);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface ReadRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  offset: string;
  partition: number;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

/** Reads a topic from the beginning until `count` records arrived (or the deadline passes). */
export async function readTopic(
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<ReadRecord[]> {
  const consumer = testKafka().consumer({
    groupId: `e2e-reader-${randomUUID()}`,
    maxWaitTimeInMs: 200,
  });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }: { message: KafkaMessage; partition: number }) => {
        records.push({
          key: message.key,
          value: message.value,
          headers: headersOf(message.headers),
          offset: message.offset,
          partition,
        });
      },
    });
    await waitFor(`${count} records on ${topic}`, () => records.length >= count, { timeoutMs });
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Reads every record currently in a topic (up to its end offsets). */
export async function readAll(topic: string, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const count = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    return count === 0 ? [] : await readTopic(topic, count, timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

/** A register command for the ordered command topic, keyed by its applicationUuid. */
export function registerCommand(
  applicationUuid: string,
  extra: Record<string, unknown> = {},
): Message {
  return {
    key: applicationUuid,
    value: JSON.stringify({
      op: 'register',
      applicationUuid,
      host: `${applicationUuid}.svc`,
      port: 9100,
      ...extra,
    }),
  };
}

/** A deregister command for the ordered command topic. */
export function deregisterCommand(applicationUuid: string): Message {
  return { key: applicationUuid, value: JSON.stringify({ op: 'deregister', applicationUuid }) };
}

/** Creates topics with `partitions` each, asking again while a new topic's leaders settle. */
export async function createTopics(
  names: string[],
  partitions: number,
  kafka: Kafka = testKafka(),
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Just after creation the broker may briefly deny hosting the partitions: ask again until not.
    await waitFor(`the topics ${names.join(', ')}`, async () => {
      await admin.createTopics({
        topics: names.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      });
      return true;
    });
  } finally {
    await admin.disconnect();
  }
}
