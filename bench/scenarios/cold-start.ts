import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { RegistryProcess } from '../../test/support/registry-process';
import type { BenchContext } from '../support/context';
import {
  benchKafka,
  benchTarget,
  benchTopics,
  createTopics,
  produceAll,
  stateRecord,
} from '../support/kafka-fixtures';
import { benchScript } from '../support/paths';
import { firstJsonLine, startProcess, stopProcess } from '../support/processes';
import { collectGarbage, metricSamples, startRegistry } from '../support/registry';
import { Spread, spread } from '../support/stats';

export interface MemorySample {
  heapUsedBytes: number;
  /** ArrayBuffers and Buffers outside the V8 heap (the cached SD body lives there). */
  externalBytes: number;
  rssBytes: number;
}

export interface ColdStartTimes {
  records: number;
  runs: number;
  registrySeconds: Spread;
  bareSeconds: Spread;
  /** bare seconds / registry seconds. */
  ratio: { ofMedians: number; paired: Spread };
}

export interface ColdStartResult extends ColdStartTimes {
  /**
   * The same on a second broker left at Kafka's default group.initial.rebalance.delay.ms (3 s),
   * which holds the first JoinGroup of every new consumer group; absent when not run.
   */
  defaultGroupDelay?: ColdStartTimes & { brokerDelayMs: number };
}

/** One registry start to ready and one bare read of the same topic, in seconds. */
async function coldStartRun(
  name: string,
  brokers: string[],
  kafka: Kafka,
  stateTopic: string,
  whileReady: (registry: RegistryProcess) => Promise<void> = () => Promise.resolve(),
): Promise<{ registry: number; bare: number }> {
  // A replica restarting in a deployment that exists: its command and DLQ topics are there too
  // (a first start would also create them, which is not what this measures).
  const topics = benchTopics(stateTopic);
  await createTopics(
    kafka,
    [topics.commands, topics.register, topics.deregister, topics.dlq].map((topic) => ({ topic })),
  );
  let registrySeconds: number;
  const registry = await startRegistry(name, brokers, topics);
  try {
    // Timed as the bare read is, by the line the process prints when done: the registry's
    // readiness turns true in the same step as its "caught up" line. /health/ready is asked only
    // afterwards, to confirm: polled every 10 ms during the read, as before, the probes took some
    // 10 % of the registry's time, where a Kubernetes probe comes every few seconds.
    const caughtUpAt = await registry.waitOutput(`caught up with ${stateTopic}:`, 120_000);
    registrySeconds = (caughtUpAt - registry.spawnedAt) / 1000;
    await registry.waitReady(10_000);
    await whileReady(registry);
  } finally {
    await registry.stop();
  }
  return { registry: registrySeconds, bare: await bareRead(`${name}-bare`, brokers, stateTopic) };
}

/** A bare kafkajs consumer reading the topic from the beginning to its end, in seconds from spawn. */
async function bareRead(name: string, brokers: string[], topic: string): Promise<number> {
  const bare = startProcess(name, process.execPath, [
    benchScript('bare-consumer'),
    brokers.join(','),
    topic,
    'end',
    'read',
  ]);
  try {
    const { at } = await firstJsonLine(bare, 120_000);
    return (at - bare.spawnedAt) / 1000;
  } finally {
    await stopProcess(bare.child);
  }
}

/**
 * One read of a topic just produced, not measured: the broker's first read of it (its page cache,
 * its JIT) would otherwise fall on whichever of the pair runs first, the registry.
 */
async function warmUp(
  ctx: BenchContext,
  name: string,
  brokers: string[],
  topic: string,
): Promise<void> {
  const seconds = await bareRead(name, brokers, topic);
  ctx.log(`  warm-up read of ${topic} (not counted): ${seconds.toFixed(2)} s`);
}

function times(records: number, registry: number[], bare: number[]): ColdStartTimes {
  return {
    records,
    runs: registry.length,
    registrySeconds: spread(registry),
    bareSeconds: spread(bare),
    ratio: {
      ofMedians: spread(bare).median / spread(registry).median,
      paired: spread(bare.map((b, i) => b / registry[i])),
    },
  };
}

/**
 * Cold start against a broker left at Kafka's default group.initial.rebalance.delay.ms
 * (BENCH_DELAY_BROKERS, started by scripts/bench.sh), with the same number of records.
 */
async function coldStartWithGroupDelay(
  ctx: BenchContext,
  brokers: string[],
  records: number,
): Promise<ColdStartResult['defaultGroupDelay']> {
  const kafka = benchKafka(brokers);
  const stateTopic = `bench-delay-state-${randomUUID().slice(0, 8)}`;
  await createTopics(kafka, [{ topic: stateTopic, compact: true }]);
  const now = Date.now();
  await produceAll(kafka, stateTopic, records, (i) => stateRecord(benchTarget(i), now));
  await warmUp(ctx, 'cold-start-delay-warm-up', brokers, stateTopic);
  const registry: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < ctx.profile.coldStart.runs; run++) {
    const seconds = await coldStartRun(`cold-start-delay-${run}`, brokers, kafka, stateTopic);
    registry.push(seconds.registry);
    bare.push(seconds.bare);
    ctx.log(
      `  group delay 3000 ms, run ${run + 1}: registry ready in ${seconds.registry.toFixed(2)} s, bare read ${seconds.bare.toFixed(2)} s`,
    );
  }
  return { ...times(records, registry, bare), brokerDelayMs: 3000 };
}

export interface MemoryResult {
  registrations: number;
  runs: number;
  empty: { heapUsedBytes: Spread; externalBytes: Spread; rssBytes: Spread };
  full: { heapUsedBytes: Spread; externalBytes: Spread; rssBytes: Spread };
  heapPerRegistration: number;
  externalPerRegistration: number;
  rssPerRegistration: number;
  /** Mean size of one state record value (JSON bytes), for scale. */
  recordValueBytes: number;
}

/**
 * Memory of a ready process after it served the SD body once (so the body cache is built, as in
 * production) and after a full GC: heap used and RSS from its own /metrics.
 */
async function memoryOf(registry: RegistryProcess): Promise<MemorySample> {
  const res = await fetch(registry.sdUrl);
  await res.arrayBuffer();
  await collectGarbage(registry);
  const metrics = await metricSamples(registry);
  return {
    heapUsedBytes: metrics.get('nodejs_heap_size_used_bytes') ?? NaN,
    externalBytes: metrics.get('nodejs_external_memory_bytes') ?? NaN,
    rssBytes: metrics.get('process_resident_memory_bytes') ?? NaN,
  };
}

/**
 * Process start until /health/ready with the largest state topic, against a bare kafkajs consumer
 * reading that topic from the beginning to its high watermark; and the memory those processes
 * hold, against the same process with an empty state topic.
 */
export async function coldStartAndMemory(
  ctx: BenchContext,
): Promise<{ coldStart: ColdStartResult; memory: MemoryResult }> {
  const records = Math.max(...ctx.profile.sdSizes);
  const delayBrokers = (process.env.BENCH_DELAY_BROKERS ?? '').split(',').filter(Boolean);
  const stateTopic = ctx.stateTopicOf(records);
  const { runs } = ctx.profile.coldStart;
  const registrySeconds: number[] = [];
  const bareSeconds: number[] = [];
  const full: MemorySample[] = [];
  const empty: MemorySample[] = [];
  await warmUp(ctx, 'cold-start-warm-up', ctx.brokers, stateTopic);
  for (let run = 0; run < runs; run++) {
    const seconds = await coldStartRun(
      `cold-start-${run}`,
      ctx.brokers,
      ctx.kafka,
      stateTopic,
      async (registry) => void full.push(await memoryOf(registry)),
    );
    registrySeconds.push(seconds.registry);
    bareSeconds.push(seconds.bare);

    const idle = await startRegistry(
      `memory-empty-${run}`,
      ctx.brokers,
      benchTopics(`bench-empty-state-${randomUUID().slice(0, 8)}`),
    );
    try {
      await idle.waitReady(120_000);
      empty.push(await memoryOf(idle));
    } finally {
      await idle.stop();
    }
    ctx.log(
      `  run ${run + 1}: registry ready in ${registrySeconds[run].toFixed(2)} s, bare read ${bareSeconds[run].toFixed(2)} s, ` +
        `heap ${(full[run].heapUsedBytes / 2 ** 20).toFixed(1)} MiB vs ${(empty[run].heapUsedBytes / 2 ** 20).toFixed(1)} MiB empty`,
    );
  }

  const median = (values: number[]) => spread(values).median;
  const sample = Array.from({ length: 100 }, (_, i) => stateRecord(benchTarget(i), Date.now()));
  const recordValueBytes =
    sample.reduce((sum, m) => sum + Buffer.byteLength(m.value as string), 0) / sample.length;
  const of = (samples: MemorySample[], key: keyof MemorySample) => samples.map((s) => s[key]);
  const perRegistration = (key: keyof MemorySample) =>
    (median(of(full, key)) - median(of(empty, key))) / records;
  const summary = (samples: MemorySample[]) => ({
    heapUsedBytes: spread(of(samples, 'heapUsedBytes')),
    externalBytes: spread(of(samples, 'externalBytes')),
    rssBytes: spread(of(samples, 'rssBytes')),
  });
  return {
    coldStart: {
      ...times(records, registrySeconds, bareSeconds),
      ...(delayBrokers.length > 0 && {
        defaultGroupDelay: await coldStartWithGroupDelay(ctx, delayBrokers, records),
      }),
    },
    memory: {
      registrations: records,
      runs,
      empty: summary(empty),
      full: summary(full),
      heapPerRegistration: perRegistration('heapUsedBytes'),
      externalPerRegistration: perRegistration('externalBytes'),
      rssPerRegistration: perRegistration('rssBytes'),
      recordValueBytes,
    },
  };
}
