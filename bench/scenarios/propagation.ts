import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Producer } from 'kafkajs';
import type { BenchContext } from '../support/context';
import {
  benchProducer,
  benchTarget,
  benchTopics,
  createTopics,
  registerCommand,
} from '../support/kafka-fixtures';
import { sleep, waitFor } from '../support/processes';
import { startRegistry } from '../support/registry';
import { Spread, percentile, spread } from '../support/stats';

export interface PropagationRun {
  sent: number;
  seen: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean time between two observations (SD polls or consumer deliveries). */
  resolutionMs: number;
  /** The registry path split where the record reaches the state topic (seen by a consumer). */
  segments?: { toStateP50Ms: number; toStateP99Ms: number; toSdP50Ms: number; toSdP99Ms: number };
}

export interface PropagationResult {
  ratePerSecond: number;
  seconds: number;
  drainSeconds: number;
  runs: number;
  registry: {
    p50Ms: Spread;
    p99Ms: Spread;
    maxMs: Spread;
    resolutionMs: Spread;
    lost: number;
    /** Send → record in the state topic, and state topic → SD body. */
    toStateP50Ms: Spread;
    toStateP99Ms: Spread;
    toSdP50Ms: Spread;
    toSdP99Ms: Spread;
  };
  bare: { p50Ms: Spread; p99Ms: Spread; maxMs: Spread; lost: number };
  /** registry p50 / bare p50 (how many times one Kafka hop). */
  p50Ratio: number;
  p99Ratio: number;
}

/**
 * Sends `count` commands at a steady rate, one send per due command (as independent applications
 * would), recording when each send started. Resolves once every send was acknowledged.
 */
async function sendSteadily(
  producer: Producer,
  topic: string,
  prefix: string,
  ratePerSecond: number,
  seconds: number,
  sentAt: Map<string, number>,
): Promise<number> {
  const count = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const message = registerCommand(benchTarget(i, prefix));
    sentAt.set(message.key as string, performance.now());
    sends.push(producer.send({ topic, messages: [message], acks: -1 }));
  }
  await Promise.all(sends);
  return count;
}

function summarize(
  sentAt: Map<string, number>,
  seenAt: Map<string, number>,
  resolutionMs: number,
): PropagationRun {
  // A command not seen within the bound counts as infinitely late, so percentiles stay honest.
  const latencies: number[] = [];
  let seen = 0;
  for (const [key, sent] of sentAt) {
    const at = seenAt.get(key);
    if (at !== undefined) seen++;
    latencies.push(at === undefined ? Infinity : at - sent);
  }
  return {
    sent: sentAt.size,
    seen,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    resolutionMs,
  };
}

/** Latencies from one set of moments to another, unseen ones counted as infinitely late. */
function gaps(from: Map<string, number>, to: Map<string, number>): number[] {
  return [...from].map(([key, at]) => {
    const later = to.get(key);
    return later === undefined ? Infinity : later - at;
  });
}

/** Polls the SD endpoint with If-None-Match until stopped; records when each uuid first shows up. */
function pollSd(url: string, seenAt: Map<string, number>) {
  let running = true;
  let polls = 0;
  const started = performance.now();
  const loop = (async () => {
    let etag = '';
    while (running) {
      const res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {} });
      const at = performance.now();
      polls++;
      if (res.status === 200) {
        etag = res.headers.get('etag') ?? '';
        const groups = (await res.json()) as { labels: Record<string, string> }[];
        for (const group of groups) {
          const id = group.labels.__meta_registry_application_uuid;
          if (!seenAt.has(id)) seenAt.set(id, at);
        }
      } else {
        await res.arrayBuffer();
      }
      await sleep(2);
    }
  })();
  return {
    stop: async (): Promise<number> => {
      running = false;
      await loop;
      return (performance.now() - started) / polls;
    },
  };
}

async function registryRun(ctx: BenchContext, run: number): Promise<PropagationRun> {
  const { ratePerSecond, seconds, drainSeconds } = ctx.profile.propagation;
  const id = randomUUID().slice(0, 8);
  const topics = benchTopics(`bench-propagation-state-${id}`);
  await createTopics(ctx.kafka, [{ topic: topics.register }]);
  const registry = await startRegistry(`propagation-${run}`, ctx.brokers, topics);
  const producer = benchProducer(ctx.kafka);
  // Watches the state topic, to split the path where the registry's write lands.
  const observer = ctx.kafka.consumer({ groupId: `bench-observer-${id}`, maxWaitTimeInMs: 500 });
  const stateAt = new Map<string, number>();
  try {
    await producer.connect();
    await registry.waitReady(120_000);
    await observer.connect();
    await observer.subscribe({ topic: topics.state, fromBeginning: true });
    await observer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const at = performance.now();
        for (const message of batch.messages) {
          const key = message.key!.toString();
          if (!stateAt.has(key)) stateAt.set(key, at);
        }
      },
    });
    const seenAt = new Map<string, number>();
    const poller = pollSd(registry.sdUrl, seenAt);
    // Warm-up: a few commands through the whole path before timing.
    const warm = new Map<string, number>();
    await sendSteadily(producer, topics.register, `warm-${id}`, 50, 0.4, warm);
    await waitFor('warm-up commands served', () => [...warm.keys()].every((k) => seenAt.has(k)), {
      timeoutMs: 30_000,
    });
    const sentAt = new Map<string, number>();
    await sendSteadily(producer, topics.register, `prop-${id}`, ratePerSecond, seconds, sentAt);
    await waitFor('every command served', () => [...sentAt.keys()].every((k) => seenAt.has(k)), {
      timeoutMs: drainSeconds * 1000,
    }).catch(() => undefined);
    const resolution = await poller.stop();
    const toState = gaps(sentAt, stateAt);
    const toSd = gaps(new Map([...stateAt].filter(([key]) => sentAt.has(key))), seenAt);
    return {
      ...summarize(sentAt, seenAt, resolution),
      segments: {
        toStateP50Ms: percentile(toState, 50),
        toStateP99Ms: percentile(toState, 99),
        toSdP50Ms: percentile(toSd, 50),
        toSdP99Ms: percentile(toSd, 99),
      },
    };
  } finally {
    await observer.disconnect();
    await producer.disconnect();
    await registry.stop();
  }
}

async function bareRun(ctx: BenchContext): Promise<PropagationRun> {
  const { ratePerSecond, seconds, drainSeconds } = ctx.profile.propagation;
  const id = randomUUID().slice(0, 8);
  const topic = `bench-propagation-bare-${id}`;
  await createTopics(ctx.kafka, [{ topic }]);
  const producer = benchProducer(ctx.kafka);
  const consumer = ctx.kafka.consumer({ groupId: `bench-bare-${id}`, maxWaitTimeInMs: 500 });
  const seenAt = new Map<string, number>();
  let deliveries = 0;
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const at = performance.now();
        deliveries++;
        for (const message of batch.messages) seenAt.set(message.key!.toString(), at);
      },
    });
    const warm = new Map<string, number>();
    await sendSteadily(producer, topic, `warm-${id}`, 50, 0.4, warm);
    await waitFor('warm-up records read', () => [...warm.keys()].every((k) => seenAt.has(k)), {
      timeoutMs: 30_000,
    });
    const sentAt = new Map<string, number>();
    const started = performance.now();
    deliveries = 0;
    await sendSteadily(producer, topic, `prop-${id}`, ratePerSecond, seconds, sentAt);
    await waitFor('every record read', () => [...sentAt.keys()].every((k) => seenAt.has(k)), {
      timeoutMs: drainSeconds * 1000,
    }).catch(() => undefined);
    return summarize(sentAt, seenAt, (performance.now() - started) / Math.max(1, deliveries));
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
}

/**
 * From sending a register to seeing it in the SD body, at a steady rate, against one bare Kafka
 * hop (produce → a kafkajs consumer) at the same rate.
 */
export async function propagation(ctx: BenchContext): Promise<PropagationResult> {
  const { ratePerSecond, seconds, drainSeconds, runs } = ctx.profile.propagation;
  const registry: PropagationRun[] = [];
  const bare: PropagationRun[] = [];
  for (let run = 0; run < runs; run++) {
    registry.push(await registryRun(ctx, run));
    bare.push(await bareRun(ctx));
    ctx.log(
      `  run ${run + 1}: registry p50 ${registry[run].p50Ms.toFixed(1)} ms p99 ${registry[run].p99Ms.toFixed(1)} ms ` +
        `(${registry[run].seen}/${registry[run].sent}), bare p50 ${bare[run].p50Ms.toFixed(1)} ms p99 ${bare[run].p99Ms.toFixed(1)} ms`,
    );
  }
  const of = (list: PropagationRun[], key: Exclude<keyof PropagationRun, 'segments'>) =>
    spread(list.map((r) => r[key]));
  const lost = (list: PropagationRun[]) => list.reduce((sum, r) => sum + r.sent - r.seen, 0);
  return {
    ratePerSecond,
    seconds,
    drainSeconds,
    runs,
    registry: {
      p50Ms: of(registry, 'p50Ms'),
      p99Ms: of(registry, 'p99Ms'),
      maxMs: of(registry, 'maxMs'),
      resolutionMs: of(registry, 'resolutionMs'),
      lost: lost(registry),
      toStateP50Ms: spread(registry.map((r) => r.segments!.toStateP50Ms)),
      toStateP99Ms: spread(registry.map((r) => r.segments!.toStateP99Ms)),
      toSdP50Ms: spread(registry.map((r) => r.segments!.toSdP50Ms)),
      toSdP99Ms: spread(registry.map((r) => r.segments!.toSdP99Ms)),
    },
    bare: {
      p50Ms: of(bare, 'p50Ms'),
      p99Ms: of(bare, 'p99Ms'),
      maxMs: of(bare, 'maxMs'),
      lost: lost(bare),
    },
    p50Ratio: of(registry, 'p50Ms').median / of(bare, 'p50Ms').median,
    p99Ratio: of(registry, 'p99Ms').median / of(bare, 'p99Ms').median,
  };
}
