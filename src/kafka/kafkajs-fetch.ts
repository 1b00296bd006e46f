import type { Kafka, KafkaMessage } from 'kafkajs';
import {
  Codec,
  FetchResponse,
  FetchedRecords,
  decodeFetchResponse,
  decodedSlices,
} from './fetch-response';

/**
 * The part of kafkajs that partition-reader sends its Fetch requests through: the cluster a
 * client makes for its consumers (connections, TLS, SASL, metadata, retries), each broker's
 * negotiated request versions and its request sender.
 *
 * With Fetch v11 (every broker since Kafka 2.3) the response is decoded by fetch-response.ts;
 * with an older broker, or a partition still in the old message format, by kafkajs itself and
 * filtered by its consumer's Batch, as its consumer would.
 *
 * kafkajs 2.2.4 is pinned and no longer released, so these internals stay as they are;
 * kafkajs-fetch.spec.ts checks they are there.
 */

export interface PartitionFetch {
  partition: number;
  fetchOffset: string;
  maxBytes: number;
}

export interface FetchArgs {
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  topics: [{ topic: string; partitions: PartitionFetch[] }];
}

/** One broker, as the reader fetches from it. */
export interface FetchBroker {
  fetch(args: FetchArgs): Promise<Pick<FetchResponse, 'responses'>>;
}

/** kafkajs's Cluster, as far as the reader uses it. */
export interface FetchCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(args: { nodeId: string }): Promise<FetchBroker>;
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning: boolean }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

const FETCH_API_KEY = 1;
const FETCH_V11 = 11;
/** Fetch's isolation level that hides records of open and aborted transactions. */
export const READ_COMMITTED = 1;

/** A partition of a Fetch response as kafkajs decodes it. */
interface KafkajsPartition {
  partition: number;
  errorCode?: number;
  highWatermark: string;
  abortedTransactions: unknown[];
  messages: KafkaMessage[];
}

/** A request as kafkajs's connection sends it: the request's encoder, the response's decoder. */
export interface ProtocolRequest {
  request: { apiKey?: number; apiVersion: number; apiName?: string; encode?(): Promise<unknown> };
  response: { decode(raw: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
  requestTimeout?: number;
}

/** kafkajs's Broker, as far as this module uses it. */
interface KafkajsBroker {
  lookupRequest(apiKey: number, definition: unknown): (args: FetchArgs) => ProtocolRequest;
  fetch(args: FetchArgs): Promise<{ responses: { partitions: KafkajsPartition[] }[] }>;
}

/** kafkajs's Cluster, whose findBroker answers kafkajs brokers. */
export type KafkajsCluster = Omit<FetchCluster, 'findBroker'> & {
  findBroker(args: { nodeId: string }): Promise<KafkajsBroker>;
};

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's internal modules, which its typings do not cover */
interface Internals {
  fetchRequests: unknown;
  /** Throws the kafkajs error for a partition's error code, as kafkajs's own Fetch parse does. */
  parseFetch(data: unknown): Promise<unknown>;
  codecOf(attributes: number): Codec | null;
  /** kafkajs's error for a protocol error code (retriable or not, as kafkajs has it). */
  errorOf(code: number): Error;
  decodeMessageSet(bytes: Buffer): Promise<KafkaMessage[]>;
  Batch: new (
    topic: string,
    fetchedOffset: string,
    data: KafkajsPartition,
  ) => { messages: KafkaMessage[]; lastOffset(): string };
}

let loaded: Internals | undefined;

export function kafkajsInternals(): Internals {
  if (loaded !== undefined) return loaded;
  const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;
  const decodeMessageSet = require('kafkajs/src/protocol/messageSet/decoder') as (
    decoder: unknown,
    size: number,
  ) => Promise<KafkaMessage[]>;
  const compression = require('kafkajs/src/protocol/message/compression') as {
    lookupCodecByAttributes(attributes: number): Codec | null;
  };
  loaded = {
    fetchRequests: require('kafkajs/src/protocol/requests/fetch'),
    parseFetch: (
      require('kafkajs/src/protocol/requests/fetch/v11/response') as {
        parse: Internals['parseFetch'];
      }
    ).parse,
    codecOf: (attributes) => compression.lookupCodecByAttributes(attributes),
    errorOf: (require('kafkajs/src/protocol/error') as { createErrorFromCode(code: number): Error })
      .createErrorFromCode,
    decodeMessageSet: (bytes) => decodeMessageSet(new Decoder(bytes), bytes.length),
    Batch: require('kafkajs/src/consumer/batch'),
  };
  return loaded;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The private method a kafkajs Broker sends a protocol request with (connection pool, reconnects). */
export function sendRequestOf(
  broker: object,
): ((this: object, request: ProtocolRequest) => Promise<unknown>) | undefined {
  const prototype = Object.getPrototypeOf(broker) as Record<symbol, unknown>;
  const symbol = Object.getOwnPropertySymbols(prototype).find(
    (s) => s.description === 'private:Broker:sendRequest',
  );
  const send = symbol === undefined ? undefined : prototype[symbol];
  return typeof send === 'function' ? (send as ReturnType<typeof sendRequestOf>) : undefined;
}

/**
 * The cluster a kafkajs client makes for its consumers and producers (same brokers, TLS, SASL,
 * retries, logger), as kafkajs makes it: its brokers are kafkajs's.
 */
export function kafkajsClusterOf(kafka: Kafka): KafkajsCluster {
  const create = Object.getOwnPropertySymbols(kafka).find(
    (symbol) => symbol.description === 'private:Kafka:createCluster',
  );
  if (create === undefined) {
    throw new Error('kafkajs has changed: a client no longer makes its cluster as 2.2.4 does');
  }
  const factory = (kafka as unknown as Record<symbol, (options: object) => KafkajsCluster>)[create];
  return factory({ allowAutoTopicCreation: false, isolationLevel: READ_COMMITTED });
}

/** That cluster, whose brokers fetch as described above. */
export function clusterOf(kafka: Kafka): FetchCluster {
  const cluster = kafkajsClusterOf(kafka);
  return {
    connect: () => cluster.connect(),
    disconnect: () => cluster.disconnect(),
    addTargetTopic: (topic) => cluster.addTargetTopic(topic),
    refreshMetadata: () => cluster.refreshMetadata(),
    findTopicPartitionMetadata: (topic) => cluster.findTopicPartitionMetadata(topic),
    fetchTopicsOffset: (topics) => cluster.fetchTopicsOffset(topics),
    findBroker: async (args) => fetcherOf(await cluster.findBroker(args)),
  };
}

/** Fetches from one kafkajs broker, decoding Fetch v11 responses with fetch-response.ts. */
export function fetcherOf(broker: KafkajsBroker): FetchBroker {
  const internals = kafkajsInternals();
  const send = sendRequestOf(broker);
  return {
    fetch: async (args) => {
      const [{ topic, partitions }] = args.topics;
      const offsets = new Map(partitions.map((p) => [p.partition, Number(p.fetchOffset)]));
      const protocol = broker.lookupRequest(
        FETCH_API_KEY,
        internals.fetchRequests,
      )({
        ...args,
        // Spread the response's size limit over the partitions (KIP-74), as kafkajs does.
        topics: [{ topic, partitions: shuffled(partitions) }],
      });
      if (send === undefined || protocol.request.apiVersion !== FETCH_V11) {
        return fromKafkajs(topic, await broker.fetch(args), offsets);
      }
      const response = (await send.call(broker, {
        ...protocol,
        response: {
          decode: (raw) => Promise.resolve(decodeFetchResponse(raw, offsets, internals.codecOf)),
          parse: (data) => {
            // kafkajs's own parse checks only the partitions' error codes.
            const { errorCode } = data as FetchResponse;
            if (errorCode !== 0) throw internals.errorOf(errorCode);
            return internals.parseFetch(data);
          },
        },
      })) as FetchResponse;
      for (const { partitions: fetched } of response.responses) {
        for (const data of fetched) {
          if (data.legacy === undefined) continue;
          const messages = await internals.decodeMessageSet(data.legacy);
          // The old formats have no transactions.
          Object.assign(data, filtered(topic, data, [], messages, offsets), { legacy: undefined });
        }
      }
      return response;
    },
  };
}

/** A response kafkajs decoded (an older broker), filtered by its consumer's Batch. */
function fromKafkajs(
  topic: string,
  response: Awaited<ReturnType<KafkajsBroker['fetch']>>,
  offsets: ReadonlyMap<number, number>,
): Pick<FetchResponse, 'responses'> {
  return {
    responses: response.responses.map(({ partitions }) => ({
      topicName: topic,
      partitions: partitions.map((data) => ({
        partition: data.partition,
        errorCode: data.errorCode ?? 0,
        highWatermark: Number(data.highWatermark),
        ...filtered(topic, data, data.abortedTransactions, data.messages, offsets),
      })),
    })),
  };
}

function filtered(
  topic: string,
  data: { partition: number; highWatermark: string | number },
  abortedTransactions: unknown[],
  messages: KafkaMessage[],
  offsets: ReadonlyMap<number, number>,
): Pick<FetchedRecords, 'records' | 'nextOffset'> {
  // Nothing at or after the offset asked for: the partition's end.
  if (messages.length === 0) return { records: decodedSlices([], null), nextOffset: null };
  const fetchedOffset = offsets.get(data.partition) ?? 0;
  const batch = new (kafkajsInternals().Batch)(topic, String(fetchedOffset), {
    partition: data.partition,
    highWatermark: String(data.highWatermark),
    abortedTransactions,
    messages,
  });
  // After the last record returned, filtered ones included.
  const nextOffset = Math.max(Number(batch.lastOffset()) + 1, fetchedOffset);
  return { records: decodedSlices(batch.messages, nextOffset), nextOffset };
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
