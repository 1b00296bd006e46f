import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../support/context';
import { ProfileSummary, summarizeCpuProfile } from '../support/cpu-profile';
import {
  benchTarget,
  benchTopics,
  createTopics,
  produceAll,
  registerCommand,
} from '../support/kafka-fixtures';
import { WORK_DIR, benchScript } from '../support/paths';
import { cpuTimeMs, firstJsonLine, sleep, startProcess, stopProcess } from '../support/processes';
import { metricSamples, startRegistry } from '../support/registry';
import { Spread, spread } from '../support/stats';

export interface RegistryIngestRun {
  /** Process start until every command is served (or the timeout). */
  seconds: number;
  /** Process start until /health/ready. */
  readySeconds: number;
  served: number;
  /** Commands per second after ready. */
  rateAfterReady: number;
  /** CPU time per command after ready: the registry process, and the broker meanwhile. */
  cpuMsPerCommand: number;
  brokerCpuMsPerCommand: number;
}

export interface BareIngestRun {
  seconds: number;
  /** Time awaiting one acks=all send and one commit, per record (serial and batched modes). */
  sendMsPerRecord: number;
  commitMsPerRecord: number;
  /** Wall and CPU time per record of the consumer process (from its first record), and the broker's. */
  wallMsPerRecord: number;
  cpuMsPerRecord: number;
  brokerCpuMsPerRecord: number;
}

/** Per command or record: wall time after start-up, CPU of the process, CPU of the broker. */
export interface CostPerRecord {
  wallMs: Spread;
  cpuMs: Spread;
  brokerCpuMs: Spread;
}

export interface IngestResult {
  commands: number;
  runs: number;
  timeoutSeconds: number;
  registry: {
    seconds: Spread;
    readySeconds: Spread;
    rateAfterReady: Spread;
    incomplete: number;
    cost: CostPerRecord;
  };
  bare: { seconds: Spread; cost: CostPerRecord };
  /** The serial pattern reads only the first `records` commands: it is slow by design. */
  serial: {
    records: number;
    sendMsPerRecord: number;
    commitMsPerRecord: number;
    cost: CostPerRecord;
  };
  batched: { seconds: Spread; cost: CostPerRecord };
  /** Registry throughput / bare throughput (commands per second from process start). */
  ratio: { ofMedians: number; paired: Spread };
  /** The profiled run, from ready until the process stopped. */
  profile: { commands: number; seconds: number; summary: ProfileSummary } | null;
}

async function registryRun(
  ctx: BenchContext,
  name: string,
  commandTopic: string,
  commands: number,
  timeoutSeconds: number,
  nodeArgs: string[] = [],
): Promise<RegistryIngestRun> {
  const topics = { ...benchTopics(`bench-ingest-state-${name}`), register: commandTopic };
  const registry = await startRegistry(`ingest-${name}`, ctx.brokers, topics, nodeArgs);
  const start = registry.spawnedAt;
  const deadline = start + timeoutSeconds * 1000;
  const pid = registry.pid;
  try {
    const readyAt = await registry.waitReady(timeoutSeconds * 1000);
    const cpuAtReady = cpuTimeMs(pid);
    const brokerCpuAtReady = cpuTimeMs(ctx.brokerPid);
    let served = 0;
    let at = performance.now();
    while (at < deadline) {
      served = (await metricSamples(registry)).get('metrics_registry_targets') ?? 0;
      at = performance.now();
      if (served >= commands) break;
      await sleep(100);
    }
    return {
      seconds: (at - start) / 1000,
      readySeconds: (readyAt - start) / 1000,
      served,
      rateAfterReady: served / ((at - readyAt) / 1000),
      cpuMsPerCommand: (cpuTimeMs(pid) - cpuAtReady) / served,
      brokerCpuMsPerCommand: (cpuTimeMs(ctx.brokerPid) - brokerCpuAtReady) / served,
    };
  } finally {
    await registry.stop();
  }
}

async function bareRun(
  ctx: BenchContext,
  name: string,
  topic: string,
  commands: number,
  mode: 'read' | 'serial' | 'batched',
  timeoutSeconds: number,
): Promise<BareIngestRun> {
  const args = [benchScript('bare-consumer'), ctx.brokers.join(','), topic, String(commands), mode];
  if (mode !== 'read') {
    const sink = `bench-ingest-sink-${name}`;
    await createTopics(ctx.kafka, [{ topic: sink }]);
    args.push(sink);
  }
  const brokerCpuAtStart = cpuTimeMs(ctx.brokerPid);
  const started = startProcess(`ingest-${name}`, process.execPath, args);
  try {
    const { value, at } = await firstJsonLine<{
      sendMs: number;
      commitMs: number;
      cpuMs: number;
      wallMs: number;
    }>(started, timeoutSeconds * 1000);
    return {
      seconds: (at - started.spawnedAt) / 1000,
      sendMsPerRecord: value.sendMs / commands,
      commitMsPerRecord: value.commitMs / commands,
      wallMsPerRecord: value.wallMs / commands,
      cpuMsPerRecord: value.cpuMs / commands,
      brokerCpuMsPerRecord: (cpuTimeMs(ctx.brokerPid) - brokerCpuAtStart) / commands,
    };
  } finally {
    await stopProcess(started.child);
  }
}

function throughputRatio(registry: RegistryIngestRun[], bare: BareIngestRun[], commands: number) {
  const registryRate = registry.map((r) => r.served / r.seconds);
  const bareRate = bare.map((r) => commands / r.seconds);
  return {
    ofMedians: spread(registryRate).median / spread(bareRate).median,
    paired: spread(registryRate.map((r, i) => r / bareRate[i])),
  };
}

/** Records the serial diagnostic reads (one broker round trip after another: slow by design). */
const SERIAL_RECORDS = 2_000;

/**
 * N register commands waiting in Kafka before start: time until the registry serves them all,
 * against a bare kafkajs consumer reading the same N messages. Two more bare consumers show
 * where the time goes: one with the registry's I/O pattern (an acks=all send and a commit per
 * record) and one that sends and commits once per fetched batch. Then one profiled run.
 */
export async function ingest(ctx: BenchContext): Promise<IngestResult> {
  const { commands, runs, timeoutSeconds } = ctx.profile.ingest;
  const serialRecords = Math.min(commands, SERIAL_RECORDS);
  const commandTopic = `bench-ingest-commands-${Date.now()}`;
  ctx.log(`ingest: producing ${commands} register commands`);
  await createTopics(ctx.kafka, [{ topic: commandTopic }]);
  await produceAll(ctx.kafka, commandTopic, commands, (i) =>
    registerCommand(benchTarget(i, 'ingest')),
  );

  const registry: RegistryIngestRun[] = [];
  const bare: BareIngestRun[] = [];
  const serial: BareIngestRun[] = [];
  const batched: BareIngestRun[] = [];
  for (let run = 0; run < runs; run++) {
    const id = `${run}-${Date.now()}`;
    registry.push(await registryRun(ctx, `registry-${id}`, commandTopic, commands, timeoutSeconds));
    bare.push(await bareRun(ctx, `bare-${id}`, commandTopic, commands, 'read', timeoutSeconds));
    serial.push(
      await bareRun(ctx, `serial-${id}`, commandTopic, serialRecords, 'serial', timeoutSeconds),
    );
    batched.push(
      await bareRun(ctx, `batched-${id}`, commandTopic, commands, 'batched', timeoutSeconds),
    );
    ctx.log(
      `  run ${run + 1}: registry ${registry[run].seconds.toFixed(2)} s (${registry[run].served} served), ` +
        `bare ${bare[run].seconds.toFixed(2)} s, serial ${serial[run].seconds.toFixed(2)} s for ${serialRecords}, ` +
        `batched ${batched[run].seconds.toFixed(2)} s`,
    );
  }

  let profile: IngestResult['profile'] = null;
  const profileCommands = commands;
  const profileDir = join(WORK_DIR, 'cpu-profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  ctx.log(`ingest: profiled registry run (${profileCommands} commands)`);
  const profiled = await registryRun(
    ctx,
    `profiled-${Date.now()}`,
    commandTopic,
    profileCommands,
    timeoutSeconds,
    ['--cpu-prof', '--cpu-prof-dir', profileDir],
  );
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    profile = {
      commands: profiled.served,
      seconds: profiled.seconds,
      summary: summarizeCpuProfile(
        join(profileDir, file),
        profiled.readySeconds * 1000,
        profiled.seconds * 1000,
      ),
    };
  }

  const perRecord = (runs: BareIngestRun[], key: 'sendMsPerRecord' | 'commitMsPerRecord') =>
    spread(runs.map((r) => r[key])).median;
  const bareCost = (runs: BareIngestRun[]): CostPerRecord => ({
    wallMs: spread(runs.map((r) => r.wallMsPerRecord)),
    cpuMs: spread(runs.map((r) => r.cpuMsPerRecord)),
    brokerCpuMs: spread(runs.map((r) => r.brokerCpuMsPerRecord)),
  });
  return {
    commands,
    runs,
    timeoutSeconds,
    registry: {
      seconds: spread(registry.map((r) => r.seconds)),
      readySeconds: spread(registry.map((r) => r.readySeconds)),
      rateAfterReady: spread(registry.map((r) => r.rateAfterReady)),
      incomplete: registry.filter((r) => r.served < commands).length,
      cost: {
        wallMs: spread(registry.map((r) => 1000 / r.rateAfterReady)),
        cpuMs: spread(registry.map((r) => r.cpuMsPerCommand)),
        brokerCpuMs: spread(registry.map((r) => r.brokerCpuMsPerCommand)),
      },
    },
    bare: { seconds: spread(bare.map((r) => r.seconds)), cost: bareCost(bare) },
    serial: {
      records: serialRecords,
      sendMsPerRecord: perRecord(serial, 'sendMsPerRecord'),
      commitMsPerRecord: perRecord(serial, 'commitMsPerRecord'),
      cost: bareCost(serial),
    },
    batched: { seconds: spread(batched.map((r) => r.seconds)), cost: bareCost(batched) },
    ratio: throughputRatio(registry, bare, commands),
    profile,
  };
}
