import { randomUUID } from 'node:crypto';
import { Kafka, Message, Partitioners, Producer, logLevel } from 'kafkajs';

/** Topic names used by one registry process of the benchmark. */
export interface BenchTopics {
  commands: string;
  register: string;
  deregister: string;
  dlq: string;
  state: string;
}

export function benchKafka(brokers: string[], clientId = 'bench'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

/** Fresh command/DLQ topic names around a given state topic. */
export function benchTopics(state: string): BenchTopics {
  const id = randomUUID().slice(0, 8);
  return {
    commands: `bench-${id}.commands`,
    register: `bench-${id}.register`,
    deregister: `bench-${id}.deregister`,
    dlq: `bench-${id}.dlq`,
    state,
  };
}

export interface BenchTarget {
  applicationUuid: string;
  host: string;
  port: number;
  path: string;
  scheme: 'http';
  labels: Record<string, string>;
}

/** The i-th synthetic target: a realistic size (a host name, two labels). */
export function benchTarget(i: number, prefix = 'bench-app'): BenchTarget {
  return {
    applicationUuid: `${prefix}-${String(i).padStart(7, '0')}`,
    host: `app-${i}.bench.svc.cluster.local`,
    port: 9100 + (i % 100),
    path: '/metrics',
    scheme: 'http',
    labels: { env: 'bench', line: String(i % 10) },
  };
}

/** A state topic record (SPEC §2.3), as the registry or OpenFactory writes it. */
export function stateRecord(target: BenchTarget, now: number): Message {
  return {
    key: target.applicationUuid,
    value: JSON.stringify({
      HOST: target.host,
      PORT: target.port,
      PATH: target.path,
      SCHEME: target.scheme,
      LABELS: target.labels,
      EXPIRES_AT: null,
      UPDATED_AT: now,
    }),
  };
}

/** A register command (SPEC §2.1), keyed by the applicationUuid. */
export function registerCommand(target: BenchTarget): Message {
  return { key: target.applicationUuid, value: JSON.stringify(target) };
}

export async function createTopics(
  kafka: Kafka,
  topics: { topic: string; compact?: boolean }[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map(({ topic, compact }) => ({
        topic,
        numPartitions: 1,
        replicationFactor: 1,
        configEntries: compact ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

export function benchProducer(kafka: Kafka): Producer {
  return kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Produces `count` messages in batches (a few in flight), acks=all. */
export async function produceAll(
  kafka: Kafka,
  topic: string,
  count: number,
  messageFor: (i: number) => Message,
  batchSize = 2000,
): Promise<void> {
  const producer = benchProducer(kafka);
  await producer.connect();
  try {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const start = next;
        next = Math.min(count, next + batchSize);
        const messages: Message[] = [];
        for (let i = start; i < next; i++) messages.push(messageFor(i));
        await producer.send({ topic, messages, acks: -1 });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  } finally {
    await producer.disconnect();
  }
}
