/** The long-life section of BENCHMARKS.md, kept between markers so a scale-only run can update it. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScaleResult } from './scenarios/scale';
import { ROOT } from './support/paths';

const LONG_LIFE_ANALYSIS = join(ROOT, 'bench', 'ANALYSIS-long-life.md');

export const SCALE_START = '<!-- scale:start -->';
export const SCALE_END = '<!-- scale:end -->';

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function renderScale(r: ScaleResult, command: string, date: string): string {
  // RSS once the load has run a minute (V8's young generation and the allocator's arenas size
  // themselves to the load in its first seconds): what "flat" is judged against.
  const warmSample = r.samples.find((s) => s.atSeconds >= 60) ?? r.samples[0];
  const warm = warmSample?.rssMiB ?? r.rssStartMiB;
  const lines = [
    SCALE_START,
    '## Long life: renewals, cold start after history, SD under renewal load',
    '',
    `\`${command}\`, ${date}. ${int(r.targets)} targets with \`ttlSeconds: ${r.ttlSeconds}\`, each renewed`,
    `every ttlSeconds / 3 as the client does, through 2 registry replicas sharing the command group`,
    `(2 command partitions) for ${r.minutes} minutes, on the same 2 cores as the broker and the load.`,
    '',
    '| figure | value | baseline | ratio |',
    '|---|---|---|---|',
    `| renewals/s sustained | ${int(r.renewalsPerSecondSustained)} | ${int(r.renewalsPerSecondOffered)} offered | ${(r.renewalsPerSecondSustained / r.renewalsPerSecondOffered).toFixed(2)}× |`,
    `| command lag, max / at the end | ${int(r.maxCommandLag)} / ${int(r.finalCommandLag)} records | – | – |`,
    `| load generator behind schedule, max | ${ms(r.generatorBehindMs)} | – | – |`,
    `| targets wrongly expired | ${r.wronglyExpired}${r.wronglyExpiredIds.length ? ` (${r.wronglyExpiredIds.join(', ')})` : ''} | 0 | – |`,
    `| renewals that waited past their ttlSeconds in the command topic (not written) | ${int(r.renewalsExpiredOnArrival)} | 0 | – |`,
    `| propagation of a new register, p50 / p99 | ${ms(r.propagationMs.p50)} / ${ms(r.propagationMs.p99)} (${r.propagationMs.samples} probes, ${r.propagationMs.missed} missed) | – | – |`,
    `| SD p50 / p99 under renewals (poll every 100 ms, ${(r.sdBodyBytes / 2 ** 20).toFixed(1)} MiB body) | ${ms(r.sdLoadedMs.p50)} / ${ms(r.sdLoadedMs.p99)} | ${ms(r.sdIdleMs.p50)} / ${ms(r.sdIdleMs.p99)} idle | p99 ${(r.sdLoadedMs.p99 / r.sdIdleMs.p99).toFixed(2)}× (goal ≤ 2×) |`,
    `| RSS per replica, before the load → after its first minute → end | ${r.rssStartMiB.map((s, i) => `${s.toFixed(0)} → ${warm[i].toFixed(0)} → ${r.rssEndMiB[i].toFixed(0)} MiB`).join(', ')} | after the first minute | ${warm.map((w, i) => `${(r.rssEndMiB[i] / w).toFixed(2)}×`).join(', ')} (goal within ±10 %) |`,
    `| after a full GC, start → minute 1 → end: heap used / RSS | ${r.afterGcStart.map((s, i) => `${s.heapUsedMiB.toFixed(0)} → ${afterMinute1(r, i, 'heapUsedMiB')} → ${r.afterGcEnd[i].heapUsedMiB.toFixed(0)} / ${s.rssMiB.toFixed(0)} → ${afterMinute1(r, i, 'rssMiB')} → ${r.afterGcEnd[i].rssMiB.toFixed(0)} MiB`).join(', ')} | – | ${r.afterGcStart.map((s, i) => `${(r.afterGcEnd[i].heapUsedMiB / s.heapUsedMiB).toFixed(2)}× / ${(r.afterGcEnd[i].rssMiB / s.rssMiB).toFixed(2)}× (end ÷ start)`).join(', ')} |`,
    '',
    'Cold start of a third replica joining during the load (it joins the command group, as in a',
    'rolling update, and leaves it once joined), against a replica that starts with the same live',
    'set in a fresh state topic (no history); records read from its own metrics:',
    '',
    '| at minute | third replica | records read | no history | records read | ratio (goal ≤ 1.5×) |',
    '|---|---|---|---|---|---|',
    ...r.coldStarts.map(
      (c) =>
        `| ${c.atMinute} | ${c.seconds.toFixed(2)} s | ${int(c.recordsRead)} | ${c.baselineSeconds.toFixed(2)} s | ${int(c.baselineRecordsRead)} | ${c.ratio.toFixed(2)}× |`,
    ),
    '',
    'Over time (every 10 s): renewals sent and accepted, renewals acknowledged without a write',
    '(covered by the stored lease), command lag, targets served by each replica, and the state',
    "topic's records (end − start offsets) and bytes on disk:",
    '',
    '| s | sent | accepted | covered | lag | served | state records | state bytes | RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.samples.map(
      (s) =>
        `| ${s.atSeconds} | ${int(s.renewalsSent)} | ${int(s.registersAccepted)} | ${int(s.renewalsCovered)} | ${int(s.commandLag)} | ${s.served.map(int).join(' / ')} | ${int(s.stateRecords)} | ${s.stateBytes === null ? '–' : int(s.stateBytes)} | ${s.rssMiB.map((m) => m.toFixed(0)).join(' / ')} |`,
    ),
    '',
    // What the figures mean is written by hand, next to the code that makes them.
    ...(existsSync(LONG_LIFE_ANALYSIS) ? [readFileSync(LONG_LIFE_ANALYSIS, 'utf8').trimEnd()] : []),
    SCALE_END,
  ];
  return lines.join('\n');
}

/** The document with its scale section replaced (or appended). */
export function spliceScale(document: string, section: string): string {
  const start = document.indexOf(SCALE_START);
  const end = document.indexOf(SCALE_END);
  if (start === -1 || end === -1) return `${document.trimEnd()}\n\n${section}\n`;
  return document.slice(0, start) + section + document.slice(end + SCALE_END.length);
}

/** A replica's memory after a full GC at minute 1, or "–" (older results, runs of a minute). */
function afterMinute1(r: ScaleResult, replica: number, key: 'heapUsedMiB' | 'rssMiB'): string {
  const sample = r.afterGcMinute1?.[replica];
  return sample === undefined ? '–' : sample[key].toFixed(0);
}
