/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's request encoder and Produce response, which its typings do not cover */
import { Kafka, logLevel } from 'kafkajs';
import { testBrokers } from './kafka';

/**
 * Writes one record batch, encoded by the caller, to partition 0 of `topic` (Produce v3, which
 * Kafka 3.9 and 4.x accept): for records kafkajs's producer cannot write, such as a header sent
 * with no value, which Java clients can send.
 */

interface Encoder {
  writeString(value: string | null): Encoder;
  writeInt16(value: number): Encoder;
  writeInt32(value: number): Encoder;
  writeBytes(value: Buffer): Encoder;
}
const Encoder = require('kafkajs/src/protocol/encoder') as new () => Encoder;
const produceResponse = require('kafkajs/src/protocol/requests/produce/v3/response') as object;

interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(args: { nodeId: string }): Promise<object>;
}

export async function produceRawBatch(topic: string, batch: Buffer): Promise<void> {
  const kafka = new Kafka({
    clientId: 'e2e-raw',
    brokers: testBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const create = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  )!;
  const cluster = (kafka as unknown as Record<symbol, (options: object) => Cluster>)[create]({});
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    const { leader } = cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === 0)!;
    const broker = await cluster.findBroker({ nodeId: String(leader) });
    const prototype = Object.getPrototypeOf(broker) as Record<symbol, unknown>;
    const sendRequest = Object.getOwnPropertySymbols(prototype).find(
      (s) => s.description === 'private:Broker:sendRequest',
    )!;
    const send = prototype[sendRequest] as (this: object, request: object) => Promise<unknown>;
    await send.call(broker, {
      request: {
        apiKey: 0,
        apiVersion: 3,
        apiName: 'Produce',
        expectResponse: () => true,
        encode: () =>
          Promise.resolve(
            new Encoder()
              .writeString(null) // transactional_id
              .writeInt16(-1) // acks=all
              .writeInt32(10_000)
              .writeInt32(1)
              .writeString(topic)
              .writeInt32(1)
              .writeInt32(0)
              .writeBytes(batch),
          ),
      },
      response: produceResponse,
      requestTimeout: 30_000,
    });
  } finally {
    await cluster.disconnect();
  }
}
