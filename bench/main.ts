/**
 * `npm run bench` (through scripts/bench.sh, which builds, starts a broker and sets KAFKA_BROKERS):
 * runs every scenario against the registry in its own process, writes dist-bench/results.json and
 * renders BENCHMARKS.md. BENCH_PROFILE=quick uses small sizes and writes to dist-bench/ instead;
 * BENCH_ONLY=serving,ingest,propagation,cold-start,status-page picks scenarios.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderReport, BenchResults } from './report';
import { renderScale, spliceScale } from './scale-report';
import { scale, ScaleResult } from './scenarios/scale';
import { coldStartAndMemory } from './scenarios/cold-start';
import { ingest } from './scenarios/ingest';
import { propagation } from './scenarios/propagation';
import { sdServing } from './scenarios/sd-serving';
import { statusPage } from './scenarios/status-page';
import type { BenchContext } from './support/context';
import {
  benchKafka,
  benchTarget,
  createTopics,
  produceAll,
  stateRecord,
} from './support/kafka-fixtures';
import { describeMachine } from './support/machine';
import { DIST_BENCH, ROOT } from './support/paths';
import { PROFILES } from './support/profile';
import { killAll } from './support/processes';

/**
 * The whole run is bounded: past this everything started is killed and the run fails (the scale
 * scenario's own minutes on top).
 */
const RUN_DEADLINE_MS =
  12 * 60_000 +
  2 * PROFILES[(process.env.BENCH_PROFILE ?? 'full') as 'full']?.scale.minutes * 60_000;

async function main(): Promise<number> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set: run `npm run bench`');
  const profile = PROFILES[(process.env.BENCH_PROFILE ?? 'full') as 'quick' | 'full'];
  if (!profile) throw new Error(`BENCH_PROFILE must be quick or full`);
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  const peerBin =
    process.env.BENCH_PEER_BIN && existsSync(process.env.BENCH_PEER_BIN)
      ? process.env.BENCH_PEER_BIN
      : null;
  const started = performance.now();
  const log = (message: string) =>
    console.log(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`,
    );

  const kafka = benchKafka(brokers);
  const runId = Date.now().toString(36);
  const stateTopics = new Map<number, string>();
  const ctx: BenchContext = {
    brokers,
    kafka,
    profile,
    peerBin,
    brokerPid: process.env.BENCH_BROKER_PID ? Number(process.env.BENCH_BROKER_PID) : undefined,
    stateTopicOf: (size) => stateTopics.get(size)!,
    log,
  };
  const results: BenchResults = {
    profile,
    machine: describeMachine(peerBin),
    command: 'npm run bench',
    date: new Date().toISOString(),
    totalSeconds: 0,
    loadAverage: { start: loadavg()[0], end: NaN },
    fill: [],
    errors: [],
  };

  let scaleResult: ScaleResult | null = null;
  if (wanted('serving') || wanted('cold-start') || wanted('status-page')) {
    for (const size of profile.sdSizes) {
      const topic = `bench-${runId}-state-${size}`;
      const fillStart = performance.now();
      await createTopics(kafka, [{ topic, compact: true }]);
      const now = Date.now();
      await produceAll(kafka, topic, size, (i) => stateRecord(benchTarget(i), now));
      stateTopics.set(size, topic);
      const seconds = (performance.now() - fillStart) / 1000;
      results.fill.push({ records: size, seconds });
      log(`state topic ${topic}: ${size} records in ${seconds.toFixed(1)} s`);
    }
  }

  const scenarios: [string, () => Promise<void>][] = [
    ['serving', async () => void (results.serving = await sdServing(ctx))],
    ['ingest', async () => void (results.ingest = await ingest(ctx))],
    ['propagation', async () => void (results.propagation = await propagation(ctx))],
    [
      'cold-start',
      async () => {
        const { coldStart, memory } = await coldStartAndMemory(ctx);
        results.coldStart = coldStart;
        results.memory = memory;
      },
    ],
    ['scale', async () => void (scaleResult = await scale(ctx))],
    ['status-page', async () => void (results.statusPage = await statusPage(ctx))],
  ];
  for (const [name, scenario] of scenarios) {
    if (!wanted(name)) continue;
    log(`scenario ${name}`);
    try {
      await scenario();
    } catch (error) {
      log(`scenario ${name} failed: ${(error as Error).stack ?? error}`);
      results.errors.push({ scenario: name, message: (error as Error).message });
    }
  }

  results.totalSeconds = (performance.now() - started) / 1000;
  results.loadAverage.end = loadavg()[0];
  mkdirSync(DIST_BENCH, { recursive: true });
  writeFileSync(join(DIST_BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const out =
    process.env.BENCH_OUT ??
    (profile.name === 'full' && only.length === 0
      ? join(ROOT, 'BENCHMARKS.md')
      : join(DIST_BENCH, `BENCHMARKS.${profile.name}.md`));
  const scaleOnly = only.length === 1 && only[0] === 'scale';
  if (!scaleOnly) writeFileSync(out, renderReport(results));
  if (scaleResult !== null) {
    const command = `BENCH_PROFILE=${profile.name} BENCH_ONLY=scale npm run bench`;
    const section = renderScale(scaleResult, command, results.date.slice(0, 10));
    const target = scaleOnly && profile.name === 'full' ? join(ROOT, 'BENCHMARKS.md') : out;
    writeFileSync(
      target,
      spliceScale(existsSync(target) ? readFileSync(target, 'utf8') : '', section),
    );
    writeFileSync(join(DIST_BENCH, 'scale.json'), `${JSON.stringify(scaleResult, null, 2)}\n`);
  }
  log(`wrote ${out} (${results.totalSeconds.toFixed(0)} s in all)`);
  return results.errors.length === 0 ? 0 : 1;
}

const deadline = setTimeout(() => {
  console.error(`[bench] the run took longer than ${RUN_DEADLINE_MS / 60_000} minutes, stopping`);
  killAll();
  process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

main()
  .then((code) => {
    killAll();
    process.exit(code);
  })
  .catch((error: Error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    killAll();
    process.exit(1);
  });
