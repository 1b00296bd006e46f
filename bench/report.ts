/**
 * Renders BENCHMARKS.md from the results of a run. `node dist-bench/bench/report.js` re-renders
 * it from dist-bench/results.json without measuring again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColdStartResult, ColdStartTimes, MemoryResult } from './scenarios/cold-start';
import type { IngestResult } from './scenarios/ingest';
import type { PropagationResult } from './scenarios/propagation';
import type { ServingResult } from './scenarios/sd-serving';
import { StatusPageResult, statusPageSection } from './scenarios/status-page';
import type { Machine } from './support/machine';
import { DIST_BENCH, ROOT } from './support/paths';
import type { BenchProfile } from './support/profile';
import type { Spread } from './support/stats';

export interface BenchResults {
  profile: BenchProfile;
  machine: Machine;
  command: string;
  date: string;
  totalSeconds: number;
  /** 1-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number };
  fill: { records: number; seconds: number }[];
  serving?: ServingResult;
  ingest?: IngestResult;
  propagation?: PropagationResult;
  coldStart?: ColdStartResult;
  memory?: MemoryResult;
  statusPage?: StatusPageResult;
  errors: { scenario: string; message: string }[];
}

const SERVING_GOAL = 0.8;
const INGEST_GOAL = 0.5;

function num(value: number, digits = 0): string {
  if (value === Infinity) return '∞';
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** "median (min–max)". */
function sp(s: Spread, digits = 0, scale = 1): string {
  return `${num(s.median * scale, digits)} (${num(s.min * scale, digits)}–${num(s.max * scale, digits)})`;
}

function bytes(value: number): string {
  if (value >= 2 ** 20) return `${num(value / 2 ** 20, 1)} MiB`;
  if (value >= 2 ** 10) return `${num(value / 2 ** 10, 1)} KiB`;
  return `${num(value)} B`;
}

function ratio(value: number, digits = 2): string {
  return `${num(value, digits)}×`;
}

function met(value: number, goal: number): string {
  return Number.isFinite(value) ? (value >= goal ? '**met**' : '**missed**') : 'not measured';
}

function machineSection(r: BenchResults): string[] {
  const m = r.machine;
  return [
    '## Machine and run',
    '',
    '| | |',
    '|---|---|',
    `| command | \`${r.command}\` (profile \`${r.profile.name}\`) |`,
    `| date | ${r.date} |`,
    `| commit | ${m.commit} |`,
    `| CPUs | ${m.cpus} × ${m.cpuModel} |`,
    `| memory | ${num(m.memoryGiB, 1)} GiB |`,
    `| Node.js | ${m.node} |`,
    `| Java | ${m.java} |`,
    `| Kafka | ${m.kafka}, on the same machine |`,
    `| load generator | autocannon ${m.autocannon} (programmatic API, in the runner process) |`,
    `| peer | ${m.peer} |`,
    `| whole run | ${num(r.totalSeconds)} s |`,
    `| load average (1 min) | ${num(r.loadAverage.start, 1)} at the start, ${num(r.loadAverage.end, 1)} at the end |`,
    '',
    'Everything shares the same cores: the broker, the process measured, its baseline and the load',
    'generator. Each registry runs as `node dist/start.js` in its own process, configured by',
    'environment as users run it (from a copy of dist/ in dist-bench/app, so that a rebuild during',
    'the run cannot disturb it). Figures are the median of the runs with the spread (min–max) in',
    'brackets; every ratio compares with a baseline measured in the same run, runs alternating.',
    '',
  ];
}

function summarySection(r: BenchResults): string[] {
  const rows: string[] = [];
  const s = r.serving;
  const goalRow = s?.rows.find((row) => row.size === r.profile.sdGoalSize);
  if (goalRow) {
    rows.push(
      `| SD serving, ${num(goalRow.size)} targets | ${num(goalRow.registry.reqPerSec.median)} req/s | ` +
        `${num(goalRow.bare.reqPerSec.median)} req/s (node:http, same bytes) | ${ratio(goalRow.ratio.ofMedians)} | ` +
        `≥ ${SERVING_GOAL} | ${met(goalRow.ratio.ofMedians, SERVING_GOAL)} |`,
    );
    rows.push(
      `| SD serving CPU per request, ${num(goalRow.size)} targets | ${num(goalRow.registry.cpuMsPerRequest.median, 2)} ms | ` +
        `${num(goalRow.bare.cpuMsPerRequest.median, 2)} ms (node:http, same bytes) | ` +
        `${ratio(goalRow.bare.cpuMsPerRequest.median / goalRow.registry.cpuMsPerRequest.median)} | – | – |`,
    );
    if (goalRow.peer && goalRow.peerRatio) {
      rows.push(
        `| SD serving vs a peer, ${num(goalRow.size)} targets | ${num(goalRow.registry.reqPerSec.median)} req/s | ` +
          `${num(goalRow.peer.reqPerSec.median)} req/s (prometheus-http-sd) | ${ratio(goalRow.peerRatio.ofMedians)} | – | – |`,
      );
    }
  }
  const i = r.ingest;
  if (i) {
    rows.push(
      `| Ingest, ${num(i.commands)} waiting commands | ${num(i.registry.seconds.median, 1)} s | ` +
        `${num(i.bare.seconds.median, 1)} s (bare kafkajs read) | ${ratio(i.ratio.ofMedians, 3)} | ≥ ${INGEST_GOAL} | ${met(i.ratio.ofMedians, INGEST_GOAL)} |`,
    );
  }
  const p = r.propagation;
  if (p) {
    rows.push(
      `| Propagation p50 / p99 at ${p.ratePerSecond}/s | ${num(p.registry.p50Ms.median, 1)} / ${num(p.registry.p99Ms.median, 1)} ms | ` +
        `${num(p.bare.p50Ms.median, 1)} / ${num(p.bare.p99Ms.median, 1)} ms (one Kafka hop) | ${ratio(p.p50Ratio, 1)} / ${ratio(p.p99Ratio, 1)} | – | – |`,
    );
  }
  const c = r.coldStart;
  if (c) {
    rows.push(
      `| Cold start, ${num(c.records)} records | ${num(c.registrySeconds.median, 2)} s | ` +
        `${num(c.bareSeconds.median, 2)} s (bare kafkajs read to the end) | ${ratio(c.ratio.ofMedians)} | – | – |`,
    );
    const d = c.defaultGroupDelay;
    if (d) {
      rows.push(
        `| Cold start, ${num(d.records)} records, broker at Kafka's default group delay | ${num(d.registrySeconds.median, 2)} s | ` +
          `${num(d.bareSeconds.median, 2)} s (bare kafkajs read to the end) | ${ratio(d.ratio.ofMedians)} | – | – |`,
      );
    }
  }
  const m = r.memory;
  if (m) {
    rows.push(
      `| Heap per registration | ${bytes(m.heapPerRegistration)} | ${bytes(m.recordValueBytes)} (one state record value) | ` +
        `${ratio(m.heapPerRegistration / m.recordValueBytes, 1)} | – | – |`,
    );
  }
  return [
    '## Summary',
    '',
    'Ratios are registry ÷ baseline for throughput (higher is better) and for latency (lower is',
    'better), baseline ÷ registry for durations and CPU time, so that a ratio of 1 always means "as',
    'good as the baseline" (for latency: as fast).',
    '',
    '| figure | registry | baseline | ratio | goal | |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

function servingSection(s: ServingResult): string[] {
  const lines = [
    '## 1. SD serving: `GET /prometheus/targets` under load',
    '',
    `autocannon, ${s.connections} connections, no pipelining, ${s.seconds} s per run, ${s.runs} runs`,
    `after a ${s.warmupSeconds} s warm-up of each server. The baseline is a bare \`node:http\` server`,
    'in its own process answering every request with the exact bytes (and Content-Type, ETag) the',
    'registry served. Throughput counts 2xx responses only. *CPU/req* is the CPU time (user +',
    'system, from /proc) the server process used per response: unlike req/s it hardly depends on',
    'what else the machine is doing.',
    '',
    '| targets | body | registry req/s | bare req/s | ratio (paired runs) | registry p50 / p99 ms | bare p50 / p99 ms | CPU/req registry / bare ms | failures |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of s.rows) {
    lines.push(
      `| ${num(row.size)} | ${bytes(row.registry.bodyBytes)} | ${sp(row.registry.reqPerSec, 1)} | ${sp(row.bare.reqPerSec, 1)} | ` +
        `${ratio(row.ratio.ofMedians)} (${num(row.ratio.paired.min, 2)}–${num(row.ratio.paired.max, 2)}) | ` +
        `${sp(row.registry.p50Ms)} / ${sp(row.registry.p99Ms)} | ${sp(row.bare.p50Ms)} / ${sp(row.bare.p99Ms)} | ` +
        `${num(row.registry.cpuMsPerRequest.median, 2)} / ${num(row.bare.cpuMsPerRequest.median, 2)} | ` +
        `${row.registry.failures + row.bare.failures} |`,
    );
  }
  lines.push('');
  return lines;
}

function peerSection(s: ServingResult): string[] {
  const lines = ['## 6. A peer: prometheus-http-sd serving the same targets', ''];
  const peerRow = s.rows.find((row) => row.peer);
  if (peerRow && peerRow.peer && peerRow.peerRatio) {
    lines.push(
      "`prometheus-http-sd serve` (PyPI, in `.tools/bench-venv`) with the registry's SD body as the one",
      'target file of its directory, at `GET /targets/` (`/targets` answers a redirect); waitress with',
      'its default 64 threads; log level warning so it does not log every request. Its per-URL cache',
      'file is filled beforehand and its refresh set beyond the run (`--cache-refresh-interval 3600`):',
      'the peer rewrites that file in place, and a request reading it meanwhile deletes it as broken',
      'JSON and answers 500 until the next refresh, which under continuous load is most of the time.',
      "Same load as in §1, runs interleaved with the registry's and the bare server's there.",
      '',
      '| targets | peer body | peer req/s | peer p50 / p99 ms | peer CPU/req ms | registry req/s | registry / peer | failures |',
      '|---|---|---|---|---|---|---|---|',
      `| ${num(peerRow.size)} | ${bytes(peerRow.peer.bodyBytes)} | ${sp(peerRow.peer.reqPerSec, 1)} | ` +
        `${sp(peerRow.peer.p50Ms)} / ${sp(peerRow.peer.p99Ms)} | ${num(peerRow.peer.cpuMsPerRequest.median, 2)} | ` +
        `${sp(peerRow.registry.reqPerSec, 1)} | ` +
        `${ratio(peerRow.peerRatio.ofMedians, 1)} (${num(peerRow.peerRatio.paired.min, 1)}–${num(peerRow.peerRatio.paired.max, 1)}) | ${peerRow.peer.failures} |`,
    );
  } else {
    lines.push(`Not measured: ${s.peerNote ?? 'the peer was not run'}.`);
  }
  lines.push('');
  return lines;
}

function ingestSection(i: IngestResult): string[] {
  const lines = [
    `## 2. Ingest: ${num(i.commands)} register commands waiting in Kafka`,
    '',
    `The commands (distinct applicationUuids) are on the register topic before the process starts;`,
    'the time runs from spawning the process until every one is served (`metrics_registry_targets`',
    `polled every 100 ms), with a fresh consumer group and an empty state topic per run, ${i.runs} runs`,
    `(bounded at ${i.timeoutSeconds} s each). The baseline is a bare kafkajs consumer (eachBatch) in its own`,
    'process reading the same messages, timed from spawn until it has read them all. Two more bare',
    'kafkajs consumers, not baselines but a breakdown, show what an I/O pattern costs by itself:',
    '*serial* awaits one idempotent acks=all send and then one offset commit per message (what a',
    'handler that writes and commits each command before taking the next one does), *batched* does',
    'the same once per fetched batch.',
    '',
    '| process | from start to all served, s | commands/s | ratio to bare read |',
    '|---|---|---|---|',
    `| registry | ${sp(i.registry.seconds, 2)} | ${num(i.commands / i.registry.seconds.median)} | ${ratio(i.ratio.ofMedians, 3)} (${num(i.ratio.paired.min, 3)}–${num(i.ratio.paired.max, 3)}) |`,
    `| bare read (baseline) | ${sp(i.bare.seconds, 2)} | ${num(i.commands / i.bare.seconds.median)} | 1× |`,
    `| bare batched (send + commit per batch) | ${sp(i.batched.seconds, 2)} | ${num(i.commands / i.batched.seconds.median)} | ${ratio(i.bare.seconds.median / i.batched.seconds.median, 3)} |`,
    '',
    `Registry: ready ${sp(i.registry.readySeconds, 2)} s after spawn, then ${sp(i.registry.rateAfterReady)} commands/s.` +
      (i.registry.incomplete > 0
        ? ` **${i.registry.incomplete} run(s) did not finish within the bound**; their rate counts what was served.`
        : ''),
    '',
    'Cost per command (registry: after ready; bare: from the first record), with the CPU time of the',
    `process and of the broker over the same window (from /proc). The serial pattern, a broker round`,
    `trip after another, reads only the first ${num(i.serial.records)} commands:`,
    '',
    '| process | wall ms | process CPU ms | broker CPU ms |',
    '|---|---|---|---|',
    ...(
      [
        ['registry', i.registry.cost],
        ['bare read', i.bare.cost],
        ['bare serial', i.serial.cost],
        ['bare batched', i.batched.cost],
      ] as const
    ).map(
      ([name, cost]) =>
        `| ${name} | ${sp(cost.wallMs, 3)} | ${sp(cost.cpuMs, 3)} | ${sp(cost.brokerCpuMs, 3)} |`,
    ),
    '',
    `In the serial pattern the runner waits ${num(i.serial.sendMsPerRecord, 2)} ms for one acks=all send and`,
    `${num(i.serial.commitMsPerRecord, 2)} ms for one commit (medians per message) before the next record starts.`,
    '',
  ];
  if (i.profile) {
    const { summary } = i.profile;
    lines.push(
      `### Where the time goes (\`node --cpu-prof\`, one more registry run of ${num(i.profile.commands)} commands)`,
      '',
      `Self time by origin over the ${num(summary.wallMs / 1000, 1)} s from ready until every command was served`,
      '(start-up left out; the profiler slows the process down, so this run is not one of the timed ones):',
      '',
      '| origin | ms | share of wall time |',
      '|---|---|---|',
      ...summary.byOrigin
        .slice(0, 10)
        .map((o) => `| ${o.name} | ${num(o.ms)} | ${num(o.share * 100, 1)} % |`),
      '',
      'Functions with the most self time (idle excluded):',
      '',
      '| function | ms | share |',
      '|---|---|---|',
      ...summary.topFunctions.map(
        (f) =>
          `| \`${f.name.replace(/\|/g, '\\|')}\` | ${num(f.ms)} | ${num(f.share * 100, 1)} % |`,
      ),
      '',
    );
  }
  return lines;
}

function propagationSection(p: PropagationResult): string[] {
  return [
    '## 3. Propagation: from sending a register to seeing it in the SD body',
    '',
    `${p.ratePerSecond} register commands per second for ${p.seconds} s (one send each, acks=all, at a steady`,
    `pace), ${p.runs} runs, each against a fresh registry. The runner polls \`GET /prometheus/targets\``,
    'with `If-None-Match` (a 304 costs little) and 2 ms between polls; a target counts as seen at the',
    'first response that holds it. The baseline is one bare Kafka hop at the same rate: the same',
    'producer to a kafkajs consumer (eachBatch) in the runner process. The registry path has two',
    'hops (command topic → registry → state topic → view) plus the SD poll.',
    '',
    '| path | p50 ms | p99 ms | max ms | not seen |',
    '|---|---|---|---|---|',
    `| registry | ${sp(p.registry.p50Ms, 1)} | ${sp(p.registry.p99Ms, 1)} | ${sp(p.registry.maxMs, 1)} | ${p.registry.lost} |`,
    `| bare Kafka hop | ${sp(p.bare.p50Ms, 1)} | ${sp(p.bare.p99Ms, 1)} | ${sp(p.bare.maxMs, 1)} | ${p.bare.lost} |`,
    '',
    'The registry path split where its write lands: a kafkajs consumer in the runner watches the',
    'state topic, so the first part includes one more bare hop (about the baseline above):',
    '',
    '| part | p50 ms | p99 ms |',
    '|---|---|---|',
    `| send → record in the state topic (command consumer, validation, acks=all write) | ${sp(p.registry.toStateP50Ms, 1)} | ${sp(p.registry.toStateP99Ms, 1)} |`,
    `| state topic → SD body (state reader, view, body rebuild, poll) | ${sp(p.registry.toSdP50Ms, 1)} | ${sp(p.registry.toSdP99Ms, 1)} |`,
    '',
    `Ratio registry / bare: p50 ${ratio(p.p50Ratio, 1)}, p99 ${ratio(p.p99Ratio, 1)}. Resolution: one SD poll every`,
    `${sp(p.registry.resolutionMs, 1)} ms on average (round trip plus the 2 ms pause), so a registry figure`,
    'is late by at most one poll interval.' +
      (p.registry.lost + p.bare.lost > 0
        ? ` ∞: some commands were not seen within ${p.drainSeconds} s after sending stopped; they count as infinitely late.`
        : ''),
    '',
  ];
}

function coldStartTable(t: ColdStartTimes): string[] {
  return [
    '| process | seconds | records/s | ratio (bare / registry) |',
    '|---|---|---|---|',
    `| registry | ${sp(t.registrySeconds, 2)} | ${num(t.records / t.registrySeconds.median)} | ${ratio(t.ratio.ofMedians)} (${num(t.ratio.paired.min, 2)}–${num(t.ratio.paired.max, 2)}) |`,
    `| bare read | ${sp(t.bareSeconds, 2)} | ${num(t.records / t.bareSeconds.median)} | 1× |`,
    '',
  ];
}

function coldStartSection(c: ColdStartResult): string[] {
  const lines = [
    `## 4. Cold start with ${num(c.records)} registrations in the state topic`,
    '',
    'From spawning `node dist/start.js` (the bundle, compiled from its code cache, as in the image) to',
    'its "caught up" log line, printed in the step that turns `/health/ready` to 200 (asked once',
    `afterwards, to confirm), ${c.runs} runs; baseline: a bare kafkajs consumer process (eachBatch) reading the same topic`,
    'from the beginning to the high watermark, from spawn to the line it prints when done. Both include Node start-up. The',
    'bare consumer joins a fresh consumer group, as any kafkajs consumer must; the registry reads',
    'with no group (src/kafka/partition-reader.ts), but also boots Nest, checks its topics (they',
    'exist, as when a replica restarts), reads the end offsets and validates every record into the view.',
    'Fetch responses are decoded by the registry itself (src/kafka/fetch-response.ts), by kafkajs for',
    'the bare consumer. One bare read of the topic, not counted, comes first: the broker reads a topic',
    'just produced more slowly the first time, and the registry runs first in each pair.',
    '',
    ...coldStartTable(c),
  ];
  const d = c.defaultGroupDelay;
  if (d) {
    lines.push(
      `The broker above sets \`group.initial.rebalance.delay.ms=0\`, as Kafka's own development`,
      `config does. A broker without that setting (the default, ${num(d.brokerDelayMs)} ms) holds the first`,
      'JoinGroup of every new consumer group that long. The same measurement against a second broker',
      `left at the default, ${d.runs} runs of each:`,
      '',
      ...coldStartTable(d),
    );
  }
  return lines;
}

function memorySection(m: MemoryResult): string[] {
  const mib = 1 / 2 ** 20;
  return [
    `## 5. Memory at ${num(m.registrations)} registrations`,
    '',
    "Read from the process's own `/metrics` (prom-client defaults `nodejs_heap_size_used_bytes`,",
    '`nodejs_external_memory_bytes`, `process_resident_memory_bytes`) once ready, after one SD request',
    '(so the cached body exists, as in production) and a full GC (the bench preload `gc-on-signal`',
    `runs \`gc()\` on SIGUSR2). Baseline: the same process with an empty state topic. ${m.runs} runs of each.`,
    '',
    '| process | heap used MiB | external MiB | RSS MiB |',
    '|---|---|---|---|',
    `| ${num(m.registrations)} registrations | ${sp(m.full.heapUsedBytes, 1, mib)} | ${sp(m.full.externalBytes, 1, mib)} | ${sp(m.full.rssBytes, 1, mib)} |`,
    `| 0 registrations | ${sp(m.empty.heapUsedBytes, 1, mib)} | ${sp(m.empty.externalBytes, 1, mib)} | ${sp(m.empty.rssBytes, 1, mib)} |`,
    '',
    `Per registration (difference of medians / ${num(m.registrations)}): heap ${bytes(m.heapPerRegistration)},`,
    `external ${bytes(m.externalPerRegistration)} (the cached SD body is a Buffer outside the heap), RSS`,
    `${bytes(m.rssPerRegistration)}. One state record value is ${bytes(m.recordValueBytes)} of JSON: the heap holds`,
    `${ratio(m.heapPerRegistration / m.recordValueBytes, 1)} that per registration (the registration object and its`,
    'labels, its map entry and its place in the sorted array).',
    '',
  ];
}

export function renderReport(r: BenchResults): string {
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/, scripts/bench.sh); do not edit by hand.',
    '     The Analysis section is bench/ANALYSIS.md, included as it is. -->',
    '',
    ...machineSection(r),
    ...summarySection(r),
  ];
  if (r.serving) lines.push(...servingSection(r.serving));
  if (r.ingest) lines.push(...ingestSection(r.ingest));
  if (r.propagation) lines.push(...propagationSection(r.propagation));
  if (r.coldStart) lines.push(...coldStartSection(r.coldStart));
  if (r.memory) lines.push(...memorySection(r.memory));
  if (r.serving) lines.push(...peerSection(r.serving));
  if (r.statusPage) lines.push(...statusPageSection(r.statusPage));
  if (r.fill.length > 0) {
    lines.push(
      'Set-up: state topics filled with kafkajs in batches of 2,000 (3 in flight, acks=all): ' +
        r.fill.map((f) => `${num(f.records)} records in ${num(f.seconds, 1)} s`).join(', ') +
        '.',
      '',
    );
  }
  if (r.errors.length > 0) {
    lines.push('## Errors', '', ...r.errors.map((e) => `- ${e.scenario}: ${e.message}`), '');
  }
  const analysis = join(ROOT, 'bench', 'ANALYSIS.md');
  if (existsSync(analysis)) lines.push(readFileSync(analysis, 'utf8').trimEnd(), '');
  return lines.join('\n');
}

if (require.main === module) {
  const results = JSON.parse(
    readFileSync(join(DIST_BENCH, 'results.json'), 'utf8'),
  ) as BenchResults;
  const out = process.argv[2] ?? join(ROOT, 'BENCHMARKS.md');
  writeFileSync(out, renderReport(results));
  console.log(`wrote ${out}`);
}
