/**
 * Plain kafkajs consumers, the baselines for ingest and cold start. Each reads a topic from the
 * beginning with a fresh group, stops once it has handled COUNT records (or, with "end", all up to
 * the high watermark seen at start), prints {"records": n} and exits.
 *
 *   node bare-consumer.js BROKERS TOPIC COUNT|end read
 *       eachBatch, nothing done with the records (the baseline)
 *   node bare-consumer.js BROKERS TOPIC COUNT|end serial SINK_TOPIC
 *       eachMessage: one idempotent acks=all send to SINK_TOPIC, then one commit, per record
 *   node bare-consumer.js BROKERS TOPIC COUNT|end batched SINK_TOPIC
 *       eachBatch: one idempotent acks=all send of the whole batch, then one commit, per batch
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const [brokers, topic, countArg, mode = 'read', sink] = process.argv.slice(2);
  const kafka = new Kafka({
    clientId: 'bench-bare',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  let wanted: number;
  if (countArg === 'end') {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    wanted = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } else {
    wanted = Number(countArg);
  }
  const producer =
    mode === 'read'
      ? null
      : kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
  await producer?.connect();
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}`, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let records = 0;
  // Time spent awaiting the acks=all sends and the commits (serial and batched modes).
  let sendMs = 0;
  let commitMs = 0;
  // CPU time of this process from the first record on (start-up left out).
  let cpuAtFirst: NodeJS.CpuUsage | null = null;
  let firstAt = 0;
  const first = () => {
    if (cpuAtFirst) return;
    cpuAtFirst = process.cpuUsage();
    firstAt = performance.now();
  };
  const timed = async (work: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  if (wanted === 0) finish();
  if (mode === 'serial') {
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: from, partition, message }) => {
        first();
        sendMs += await timed(() =>
          producer!.send({
            topic: sink,
            acks: -1,
            messages: [{ key: message.key, value: message.value }],
          }),
        );
        const offset = (BigInt(message.offset) + 1n).toString();
        commitMs += await timed(() => consumer.commitOffsets([{ topic: from, partition, offset }]));
        if (++records >= wanted) finish();
      },
    });
  } else {
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        first();
        if (producer && batch.messages.length > 0) {
          sendMs += await timed(() =>
            producer.send({
              topic: sink,
              acks: -1,
              messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
            }),
          );
          const offset = (BigInt(batch.lastOffset()) + 1n).toString();
          commitMs += await timed(() =>
            consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]),
          );
        }
        records += batch.messages.length;
        if (records >= wanted) finish();
      },
    });
  }
  await done;
  const cpu = process.cpuUsage(cpuAtFirst ?? undefined);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = performance.now() - firstAt;
  process.stdout.write(`${JSON.stringify({ records, sendMs, commitMs, cpuMs, wallMs })}\n`);
  await consumer.disconnect();
  await producer?.disconnect();
  process.exit(0);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
