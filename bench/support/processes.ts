import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../test/support/ports';
import { RegistryProcess } from '../../test/support/registry-process';
import { waitFor as waitUntil } from '../../test/support/wait';

/** Every child the benchmark started, so an aborted run still stops them. */
const children = new Set<ChildProcess>();

export interface Started {
  child: ChildProcess;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** Lines the child printed on stdout, with performance.now() at their arrival. */
  lines: { text: string; at: number }[];
}

export const LOG_DIR = join(__dirname, '..', '..', 'logs');

/** Starts a process with stdout kept in memory (line by line) and both streams in a log file. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Started {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${name}.log`));
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines: Started['lines'] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const at = performance.now();
    log.write(chunk);
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ text, at });
  });
  child.stderr!.pipe(log);
  child.once('close', () => log.end());
  return { child, spawnedAt, lines };
}

/** SIGTERM, then SIGKILL after the deadline; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess, deadlineMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  await exited;
  clearTimeout(timer);
}

/** Kills whatever is still running, registry processes included (used when the benchmark aborts). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
  RegistryProcess.killAll();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** test/support/wait.ts's waitFor with the bench's defaults: longer deadlines, tighter polling. */
export function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return waitUntil(what, probe, { timeoutMs: 60_000, intervalMs: 50, ...options });
}

/**
 * Resolves with the first stdout line that is a JSON object and the moment it arrived, or rejects
 * if the child exits first.
 */
export async function firstJsonLine<T>(
  started: Started,
  timeoutMs: number,
): Promise<{ value: T; at: number }> {
  return waitFor(
    `a result from pid ${started.child.pid}`,
    () => {
      for (const line of started.lines) {
        if (line.text.startsWith('{')) return { value: JSON.parse(line.text) as T, at: line.at };
      }
      if (started.child.exitCode !== null) {
        throw new Error(`pid ${started.child.pid} exited with ${started.child.exitCode}`);
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 5 },
  );
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
export function cpuTimeMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return NaN;
  }
}

export { freePort };
