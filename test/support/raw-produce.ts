import { Kafka, logLevel } from 'kafkajs';
import { Encoder } from '../../src/kafka/fetch-response.testing';
import { ProtocolRequest, kafkajsClusterOf, sendRequestOf } from '../../src/kafka/kafkajs-fetch';
import { testBrokers } from './kafka';

/**
 * Writes one record batch, encoded by the caller, to partition 0 of `topic` (Produce v3, which
 * Kafka 3.9 and 4.x accept), through kafkajs's connection: for records kafkajs's producer cannot
 * write, such as a header sent with no value, which Java clients can send.
 */

const produceResponse =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs's Produce response, which its typings do not cover
  require('kafkajs/src/protocol/requests/produce/v3/response') as ProtocolRequest['response'];

export async function produceRawBatch(topic: string, batch: Buffer): Promise<void> {
  const kafka = new Kafka({
    clientId: 'e2e-raw',
    brokers: testBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const cluster = kafkajsClusterOf(kafka);
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    const { leader } = cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === 0)!;
    const broker = await cluster.findBroker({ nodeId: String(leader) });
    await sendRequestOf(broker)!.call(broker, {
      request: {
        apiKey: 0,
        apiVersion: 3,
        apiName: 'Produce',
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
