import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../support/context';
import { benchTopics } from '../support/kafka-fixtures';
import { LoadRun, load } from '../support/load';
import { WORK_DIR, benchScript } from '../support/paths';
import { PeerProcess } from '../support/peer';
import { firstJsonLine, freePort, startProcess, stopProcess, Started } from '../support/processes';
import { startRegistry } from '../support/registry';
import { Spread, spread } from '../support/stats';

export interface ServerFigures {
  reqPerSec: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  cpuMsPerRequest: Spread;
  failures: number;
  bodyBytes: number;
}

export interface ServingRow {
  size: number;
  registry: ServerFigures;
  bare: ServerFigures;
  peer: ServerFigures | null;
  /** registry / bare req/s: median of each, and per paired run. */
  ratio: { ofMedians: number; paired: Spread };
  /** registry / peer req/s (only at the peer's size). */
  peerRatio: { ofMedians: number; paired: Spread } | null;
}

export interface ServingResult {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  runs: number;
  rows: ServingRow[];
  peerNote: string | null;
}

function figures(runs: LoadRun[], bodyBytes: number): ServerFigures {
  return {
    reqPerSec: spread(runs.map((r) => r.reqPerSec)),
    p50Ms: spread(runs.map((r) => r.p50Ms)),
    p99Ms: spread(runs.map((r) => r.p99Ms)),
    cpuMsPerRequest: spread(runs.map((r) => r.cpuMsPerRequest)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
    bodyBytes,
  };
}

function ratios(top: LoadRun[], bottom: LoadRun[]): { ofMedians: number; paired: Spread } {
  const median = (runs: LoadRun[]) => spread(runs.map((r) => r.reqPerSec)).median;
  return {
    ofMedians: median(top) / median(bottom),
    paired: spread(top.map((r, i) => r.reqPerSec / bottom[i].reqPerSec)),
  };
}

/** GET /prometheus/targets under load, against node:http serving the same bytes (and the peer). */
export async function sdServing(ctx: BenchContext): Promise<ServingResult> {
  const { profile } = ctx;
  const settings = { connections: profile.load.connections, seconds: profile.load.seconds };
  const warmup = { connections: profile.load.connections, seconds: profile.load.warmupSeconds };
  const rows: ServingRow[] = [];
  let peerNote: string | null = ctx.peerBin ? null : 'prometheus-http-sd is not installed';
  mkdirSync(WORK_DIR, { recursive: true });

  for (const size of profile.sdSizes) {
    ctx.log(`sd-serving: ${size} registrations`);
    const registry = await startRegistry(
      `sd-registry-${size}`,
      ctx.brokers,
      benchTopics(ctx.stateTopicOf(size)),
    );
    let bare: Started | null = null;
    let peer: PeerProcess | null = null;
    try {
      await registry.waitReady(120_000);
      const res = await fetch(registry.sdUrl);
      const body = Buffer.from(await res.arrayBuffer());
      const etag = res.headers.get('etag') ?? '"bench"';
      const groups = (JSON.parse(body.toString('utf8')) as unknown[]).length;
      if (res.status !== 200 || groups !== size) {
        throw new Error(`registry served ${groups} groups (status ${res.status}), wanted ${size}`);
      }
      const bodyFile = join(WORK_DIR, `sd-body-${size}.json`);
      writeFileSync(bodyFile, body);
      const barePort = await freePort();
      bare = startProcess(`sd-bare-${size}`, process.execPath, [
        benchScript('bare-http-server'),
        bodyFile,
        String(barePort),
        etag,
      ]);
      await firstJsonLine(bare, 10_000);
      const bareUrl = `http://127.0.0.1:${barePort}/prometheus/targets`;
      let peerBytes = 0;
      if (ctx.peerBin && size === profile.sdGoalSize) {
        try {
          peer = await PeerProcess.start(ctx.peerBin, body, size);
          const peerRes = await fetch(peer.url);
          peerBytes = (await peerRes.arrayBuffer()).byteLength;
        } catch (error) {
          peerNote = `prometheus-http-sd did not start: ${(error as Error).message}`;
          ctx.log(peerNote);
        }
      }

      const registryPid = registry.pid;
      const barePid = bare.child.pid;
      await load(registry.sdUrl, registryPid, warmup);
      await load(bareUrl, barePid, warmup);
      if (peer) await load(peer.url, peer.pid, warmup);
      const registryRuns: LoadRun[] = [];
      const bareRuns: LoadRun[] = [];
      const peerRuns: LoadRun[] = [];
      for (let run = 0; run < profile.runs; run++) {
        registryRuns.push(await load(registry.sdUrl, registryPid, settings));
        bareRuns.push(await load(bareUrl, barePid, settings));
        if (peer) peerRuns.push(await load(peer.url, peer.pid, settings));
        ctx.log(
          `  run ${run + 1}: registry ${registryRuns[run].reqPerSec.toFixed(1)} req/s, bare ${bareRuns[run].reqPerSec.toFixed(1)} req/s` +
            (peer ? `, peer ${peerRuns[run].reqPerSec.toFixed(1)} req/s` : ''),
        );
      }
      rows.push({
        size,
        registry: figures(registryRuns, body.length),
        bare: figures(bareRuns, body.length),
        peer: peer ? figures(peerRuns, peerBytes) : null,
        ratio: ratios(registryRuns, bareRuns),
        peerRatio: peer ? ratios(registryRuns, peerRuns) : null,
      });
    } finally {
      await registry.stop();
      if (bare) await stopProcess(bare.child);
      if (peer) await peer.stop();
    }
  }
  return {
    connections: settings.connections,
    seconds: settings.seconds,
    warmupSeconds: warmup.seconds,
    runs: profile.runs,
    rows,
    peerNote,
  };
}
