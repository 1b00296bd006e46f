/**
 * Long life under renewal load (issue #13): N targets renewed every ttlSeconds / 3, as the client
 * does, through 2 registry replicas sharing the command group, for a few minutes. Measures the
 * renewals sustained and the command lag, targets wrongly expired, propagation of new registers,
 * SD latency under a Prometheus-like poll against the same poll with no renewals, RSS, the state
 * topic's size, and the cold start of a third replica at set times against a replica that starts
 * with the same live set and no history.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kafka, Message } from 'kafkajs';
import { shardOf } from '../../src/discovery/rendezvous';
import type { RegistryProcess } from '../../test/support/registry-process';
import type { BenchContext } from '../support/context';
import {
  BenchTarget,
  benchProducer,
  benchTarget,
  benchTopics,
  createTopics,
  produceAll,
} from '../support/kafka-fixtures';
import { sleep } from '../support/processes';
import { collectGarbage, seriesSamples, startRegistry } from '../support/registry';
import { percentile } from '../support/stats';

export interface ScaleSample {
  atSeconds: number;
  renewalsSent: number;
  registersAccepted: number;
  renewalsCovered: number;
  commandLag: number;
  served: number[];
  stateRecords: number;
  stateBytes: number | null;
  /** Resident memory per replica, MiB. */
  rssMiB: number[];
}

export interface ColdStartAt {
  atMinute: number;
  seconds: number;
  recordsRead: number;
  baselineSeconds: number;
  baselineRecordsRead: number;
  /** seconds / baselineSeconds: 1 means history costs nothing. */
  ratio: number;
}

export interface ScaleResult {
  targets: number;
  ttlSeconds: number;
  minutes: number;
  renewalsPerSecondOffered: number;
  renewalsPerSecondSustained: number;
  maxCommandLag: number;
  finalCommandLag: number;
  generatorBehindMs: number;
  /** Targets whose lease ran out although their application kept renewing. */
  wronglyExpired: number;
  wronglyExpiredIds: string[];
  /** Renewals that waited in the command topic longer than their ttlSeconds (not written). */
  renewalsExpiredOnArrival: number;
  propagationMs: { p50: number; p99: number; samples: number; missed: number };
  sdIdleMs: { p50: number; p99: number; samples: number };
  sdLoadedMs: { p50: number; p99: number; samples: number };
  sdBodyBytes: number;
  rssStartMiB: number[];
  rssEndMiB: number[];
  /** After a full GC (the bench preload's gc()), at the start and the end of the load. */
  afterGcStart: MemoryAfterGc[];
  /** After the first minute under load (after its RSS sample): what is built once under load is in by then. */
  afterGcMinute1: MemoryAfterGc[] | null;
  afterGcEnd: MemoryAfterGc[];
  samples: ScaleSample[];
  coldStarts: ColdStartAt[];
}

export interface MemoryAfterGc {
  heapUsedMiB: number;
  rssMiB: number;
}

const TICK_MS = 200;
const SAMPLE_EVERY_MS = 10_000;
const SD_POLL_MS = 100;
const PROBE_TIMEOUT_MS = 30_000;
const SHARDS = 1024;

function target(i: number): BenchTarget {
  return benchTarget(i, 'scale-app');
}

function register(t: BenchTarget, ttlSeconds: number): Message {
  return { key: t.applicationUuid, value: JSON.stringify({ op: 'register', ...t, ttlSeconds }) };
}

async function stateTopicSize(topic: string, brokers: string[]): Promise<number | null> {
  const runDir = process.env.KAFKA_RUN_DIR;
  const port = brokers[0]?.split(':').pop();
  if (!runDir || !port) return null;
  const data = join(runDir, port, 'data');
  try {
    let bytes = 0;
    for (const dir of readdirSync(data).filter((d) => d.startsWith(`${topic}-`))) {
      for (const file of readdirSync(join(data, dir)).filter((f) => f.endsWith('.log'))) {
        bytes += statSync(join(data, dir, file)).size;
      }
    }
    return bytes;
  } catch {
    return null;
  }
}

async function offsetsSum(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function commandLag(kafka: Kafka, topic: string, groupId: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Committed offsets first: read after the end offsets, a commit made between the two reads
    // gave a negative lag (-109 in one run). This way the lag can only count records that
    // arrived between the reads.
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    let lag = 0;
    for (const end of ends) {
      const at = committed.partitions.find((p) => p.partition === end.partition);
      const offset = Number(at?.offset ?? -1);
      lag += Number(end.high) - (offset < 0 ? Number(end.low) : offset);
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

async function sdGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  return { ms: performance.now() - start, bytes: body.byteLength, status: res.status };
}

async function metric(registry: RegistryProcess, series: string): Promise<number> {
  return (await seriesSamples(registry)).get(series) ?? NaN;
}

const ACCEPTED = 'metrics_registry_commands_total{command="register",outcome="accepted"}';
const EXPIRED_ON_ARRIVAL = 'metrics_registry_commands_total{command="register",outcome="expired"}';

export async function scale(ctx: BenchContext): Promise<ScaleResult> {
  const { targets, ttlSeconds, minutes, coldStartAtMinutes } = ctx.profile.scale;
  const { kafka, brokers, log } = ctx;
  const topics = benchTopics(`bench-scale-${randomUUID().slice(0, 8)}.state`);
  const groupId = `bench-scale-${randomUUID().slice(0, 8)}`;
  // Two partitions, so both replicas take a share of the commands.
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: topics.commands, numPartitions: 2, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();

  const replicas = [
    await startRegistry('scale-a', brokers, topics, [], groupId),
    await startRegistry('scale-b', brokers, topics, [], groupId),
  ];
  const producer = benchProducer(kafka);
  await producer.connect();
  const stop: (() => Promise<void>)[] = [
    () => producer.disconnect(),
    ...replicas.map((r) => () => r.stop()),
  ];
  try {
    await Promise.all(replicas.map((r) => r.waitReady(120_000)));
    const served = () => Promise.all(replicas.map((r) => metric(r, 'metrics_registry_targets')));
    // Everyone registers once.
    const fillStart = performance.now();
    await produceAll(kafka, topics.commands, targets, (i) => register(target(i), ttlSeconds));
    for (;;) {
      const counts = await served();
      if (counts.every((n) => n === targets)) break;
      if (performance.now() - fillStart > 300_000) throw new Error(`fill stalled at ${counts}`);
      await sleep(500);
    }
    const firstRenewal = performance.now();
    log(
      `  ${targets} targets served by both replicas in ${((firstRenewal - fillStart) / 1000).toFixed(1)} s`,
    );
    const rss = () =>
      Promise.all(
        replicas.map(async (r) => (await metric(r, 'process_resident_memory_bytes')) / 2 ** 20),
      );

    // What each replica holds once garbage is gone: growth here is kept data, not V8's headroom.
    const afterGc = () =>
      Promise.all(
        replicas.map(async (r) => {
          await collectGarbage(r);
          const values = await seriesSamples(r);
          return {
            heapUsedMiB: (values.get('nodejs_heap_size_used_bytes') ?? NaN) / 2 ** 20,
            rssMiB: (values.get('process_resident_memory_bytes') ?? NaN) / 2 ** 20,
          };
        }),
      );

    // SD latency with no renewals (leases are 1.5 × ttl long, the window is a few seconds).
    const sdUrls = replicas.map((r) => r.sdUrl);
    const sdIdle: number[] = [];
    let sdBodyBytes = 0;
    for (let i = 0; i < 100; i++) {
      const { ms, bytes } = await sdGet(sdUrls[i % 2]);
      sdIdle.push(ms);
      sdBodyBytes = bytes;
    }
    const rssStartMiB = await rss();
    const afterGcStart = await afterGc();

    // The load: each target renews every ttl / 3, in its own slot of TICK_MS.
    const slots = Math.max(1, Math.round((ttlSeconds * 1000) / 3 / TICK_MS));
    const runMs = minutes * 60_000;
    const startedAt = performance.now();
    let renewalsSent = 0;
    let generatorBehindMs = 0;
    let running = true;
    const generator = (async () => {
      for (let tick = 0; running; tick++) {
        const due = startedAt + tick * TICK_MS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        else generatorBehindMs = Math.max(generatorBehindMs, -wait);
        if (!running) break;
        const messages: Message[] = [];
        for (let i = tick % slots; i < targets; i += slots)
          messages.push(register(target(i), ttlSeconds));
        await producer.send({ topic: topics.commands, messages, acks: -1 });
        renewalsSent += messages.length;
      }
    })();

    // A Prometheus-like poll of both replicas' SD, throughout.
    const sdLoaded: number[] = [];
    const poller = (async () => {
      for (let i = 0; running; i++) {
        const begin = performance.now();
        sdLoaded.push((await sdGet(sdUrls[i % 2])).ms);
        await sleep(Math.max(0, SD_POLL_MS - (performance.now() - begin)));
      }
    })();

    // New registers, one at a time: send, then wait until replica A serves it.
    const propagation: number[] = [];
    let missed = 0;
    const prober = (async () => {
      for (let k = 0; running; k++) {
        const probe = benchTarget(k, `scale-probe-${groupId}`);
        const shard = shardOf(probe.applicationUuid, SHARDS);
        const url = `${sdUrls[0]}?shard=${shard}&shards=${SHARDS}`;
        const sentAt = performance.now();
        await producer.send({
          topic: topics.commands,
          messages: [register(probe, ttlSeconds)],
          acks: -1,
        });
        let seen = false;
        while (!seen && performance.now() - sentAt < PROBE_TIMEOUT_MS) {
          const text = await (await fetch(url)).text();
          seen = text.includes(`"${probe.applicationUuid}"`);
          if (!seen) await sleep(10);
        }
        if (seen) propagation.push(performance.now() - sentAt);
        else missed++;
        await producer.send({
          topic: topics.commands,
          messages: [
            {
              key: probe.applicationUuid,
              value: JSON.stringify({ op: 'deregister', applicationUuid: probe.applicationUuid }),
            },
          ],
          acks: -1,
        });
        await sleep(1000);
      }
    })();

    const samples: ScaleSample[] = [];
    const coldStarts: ColdStartAt[] = [];
    const sample = async () => {
      const [acceptedBy, coveredBy] = await Promise.all([
        Promise.all(replicas.map((r) => metric(r, ACCEPTED))),
        Promise.all(replicas.map((r) => metric(r, 'metrics_registry_renewals_covered_total'))),
      ]);
      const s: ScaleSample = {
        atSeconds: Math.round((performance.now() - startedAt) / 1000),
        renewalsSent,
        registersAccepted: acceptedBy.reduce((a, b) => a + b, 0),
        renewalsCovered: coveredBy.reduce((a, b) => a + b, 0),
        commandLag: await commandLag(kafka, topics.commands, groupId),
        served: await served(),
        stateRecords: await offsetsSum(kafka, topics.state),
        stateBytes: await stateTopicSize(topics.state, brokers),
        rssMiB: await rss(),
      };
      samples.push(s);
      log(
        `  t=${s.atSeconds}s sent ${s.renewalsSent} accepted ${s.registersAccepted} covered ${s.renewalsCovered} ` +
          `lag ${s.commandLag} served ${s.served.join('/')} state ${s.stateRecords} records ${s.stateBytes ?? '?'} B`,
      );
    };

    const pending = [...coldStartAtMinutes].sort((a, b) => a - b);
    let nextSample = SAMPLE_EVERY_MS;
    let afterGcMinute1: MemoryAfterGc[] | null = null;
    while (performance.now() - startedAt < runMs || pending.length > 0) {
      const elapsed = performance.now() - startedAt;
      // After the sample that the report takes as "after the first minute" (a full GC gives pages
      // back, so an RSS sample right after one would read low).
      if (afterGcMinute1 === null && samples.some((s) => s.atSeconds >= 60) && runMs > 60_000) {
        afterGcMinute1 = await afterGc();
        continue;
      }
      if (pending.length > 0 && elapsed >= pending[0] * 60_000) {
        const atMinute = pending.shift()!;
        coldStarts.push(await coldStartAt(ctx, topics, groupId, targets, atMinute));
        const c = coldStarts[coldStarts.length - 1];
        log(
          `  minute ${atMinute}: third replica ready in ${c.seconds.toFixed(2)} s reading ${c.recordsRead} records; ` +
            `no-history replica ${c.baselineSeconds.toFixed(2)} s reading ${c.baselineRecordsRead} (${c.ratio.toFixed(2)}×)`,
        );
        continue;
      }
      if (elapsed >= nextSample) {
        await sample();
        nextSample += SAMPLE_EVERY_MS;
        continue;
      }
      await sleep(250);
    }
    await sample();
    running = false;
    await Promise.all([generator, poller, prober]);
    const rssEndMiB = await rss();
    const afterGcEnd = await afterGc();
    const runSeconds = (performance.now() - startedAt) / 1000;

    // Nothing stopped renewing: every lease expiry is wrong.
    const expired = replicas.flatMap((r) =>
      [...r.output.matchAll(/lease of (scale-app-\d+) expired/g)].map((m) => m[1]),
    );
    const expiredOnArrival = (
      await Promise.all(replicas.map((r) => metric(r, EXPIRED_ON_ARRIVAL)))
    ).reduce((a, b) => a + b, 0);
    const last = samples[samples.length - 1];
    return {
      targets,
      ttlSeconds,
      minutes,
      renewalsPerSecondOffered: (targets * 3) / ttlSeconds,
      renewalsPerSecondSustained: last.registersAccepted / runSeconds,
      maxCommandLag: Math.max(...samples.map((s) => s.commandLag)),
      finalCommandLag: last.commandLag,
      generatorBehindMs,
      wronglyExpired: new Set(expired).size,
      renewalsExpiredOnArrival: expiredOnArrival,
      wronglyExpiredIds: [...new Set(expired)].slice(0, 20),
      propagationMs: {
        p50: percentile(propagation, 50),
        p99: percentile(propagation, 99),
        samples: propagation.length,
        missed,
      },
      sdIdleMs: {
        p50: percentile(sdIdle, 50),
        p99: percentile(sdIdle, 99),
        samples: sdIdle.length,
      },
      sdLoadedMs: {
        p50: percentile(sdLoaded, 50),
        p99: percentile(sdLoaded, 99),
        samples: sdLoaded.length,
      },
      sdBodyBytes,
      rssStartMiB,
      rssEndMiB,
      afterGcStart,
      afterGcMinute1,
      afterGcEnd,
      samples,
      coldStarts,
    };
  } finally {
    for (const s of stop) await s().catch(() => undefined);
  }
}

/**
 * A third replica joins (as in a rolling update) and is timed from spawn to ready; then a replica
 * against a fresh state topic holding the same live set and no history, with a group of its own.
 */
async function coldStartAt(
  ctx: BenchContext,
  topics: ReturnType<typeof benchTopics>,
  groupId: string,
  targets: number,
  atMinute: number,
): Promise<ColdStartAt> {
  const applied = 'metrics_registry_state_records_total{outcome="applied"}';
  const third = await startRegistry(`scale-c-${atMinute}`, ctx.brokers, topics, [], groupId);
  let seconds: number;
  let recordsRead: number;
  try {
    seconds = ((await third.waitReady(120_000)) - third.spawnedAt) / 1000;
    recordsRead = await metric(third, applied);
    // As in a rolling update, it stays until it has joined the command group, so it leaves it
    // cleanly (a member that dies while joining holds its partitions for the session timeout).
    const joinedBy = performance.now() + 60_000;
    while (
      (await metric(third, 'metrics_registry_command_consumer_running')) !== 1 &&
      performance.now() < joinedBy
    ) {
      await sleep(100);
    }
  } finally {
    await third.stop();
  }
  const baselineTopics = benchTopics(`bench-scale-baseline-${randomUUID().slice(0, 8)}.state`);
  const now = Date.now();
  await createTopics(ctx.kafka, [{ topic: baselineTopics.state, compact: true }]);
  await produceAll(ctx.kafka, baselineTopics.state, targets, (i) => {
    const t = target(i);
    return {
      key: t.applicationUuid,
      value: JSON.stringify({
        HOST: t.host,
        PORT: t.port,
        PATH: t.path,
        SCHEME: t.scheme,
        LABELS: t.labels,
        EXPIRES_AT: now + ctx.profile.scale.ttlSeconds * 1500,
        UPDATED_AT: now,
      }),
    };
  });
  const baseline = await startRegistry(`scale-baseline-${atMinute}`, ctx.brokers, baselineTopics);
  try {
    const baselineSeconds = ((await baseline.waitReady(120_000)) - baseline.spawnedAt) / 1000;
    const baselineRecordsRead = await metric(baseline, applied);
    return {
      atMinute,
      seconds,
      recordsRead,
      baselineSeconds,
      baselineRecordsRead,
      ratio: seconds / baselineSeconds,
    };
  } finally {
    await baseline.stop();
  }
}
