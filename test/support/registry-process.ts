import { ChildProcess, spawn } from 'node:child_process';
import { WriteStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RegistryTopics } from '../../src/config/registry.config';
import { testBrokers } from './kafka';
import { freePort } from './ports';
import { waitFor } from './wait';

export interface RegistryProcessOptions {
  topics: RegistryTopics;
  /** KAFKA_GROUP_ID. */
  groupId: string;
  /** Names the process in errors. */
  name?: string;
  /** KAFKA_BROKERS; by default the broker of the e2e run. */
  brokers?: string[];
  /** Added to the registry's environment, overriding its defaults. */
  env?: NodeJS.ProcessEnv;
  /** Node.js options before the script, such as --cpu-prof. */
  nodeArgs?: string[];
  /** The script to run; by default dist/start.js, as in the image. */
  main?: string;
  /** Where stdout and stderr are written as well. */
  logFile?: string;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The built registry in its own process with only its own environment, as users run it; the e2e
 * specs and the benchmarks both start it through this class.
 */
export class RegistryProcess {
  private static readonly all = new Set<RegistryProcess>();

  /** stdout and stderr, as they arrived. */
  output = '';
  /** Where each chunk of `output` ends, and performance.now() when it arrived. */
  private readonly chunks: { end: number; at: number }[] = [];
  /** performance.now() just before the spawn. */
  readonly spawnedAt = performance.now();
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly exited: Promise<ProcessExit>;

  private constructor(
    readonly name: string,
    port: number,
    args: string[],
    env: NodeJS.ProcessEnv,
    log: WriteStream | null,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        this.chunks.push({ end: this.output.length, at: performance.now() });
        log?.write(chunk);
      });
    }
    RegistryProcess.all.add(this);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        RegistryProcess.all.delete(this);
        resolve({ code, signal });
      }),
    );
    this.child.once('close', () => log?.end());
  }

  static async start(options: RegistryProcessOptions): Promise<RegistryProcess> {
    const { topics } = options;
    const port = await freePort();
    const main = options.main ?? join(__dirname, '../../dist/start.js');
    return new RegistryProcess(
      options.name ?? 'registry',
      port,
      [...(options.nodeArgs ?? []), main],
      {
        PATH: process.env.PATH,
        PORT: String(port),
        KAFKA_BROKERS: (options.brokers ?? testBrokers()).join(','),
        KAFKA_GROUP_ID: options.groupId,
        REGISTRY_COMMAND_TOPIC: topics.commands,
        REGISTRY_REGISTER_TOPIC: topics.register,
        REGISTRY_DEREGISTER_TOPIC: topics.deregister,
        REGISTRY_DLQ_TOPIC: topics.dlq,
        REGISTRY_STATE_TOPIC: topics.state,
        LOG_LEVEL: 'warn',
        NO_COLOR: '1',
        ...options.env,
      },
      options.logFile ? createWriteStream(options.logFile) : null,
    );
  }

  /** SIGKILL to every registry process still running (an aborted benchmark run). */
  static killAll(): void {
    for (const registry of RegistryProcess.all) registry.kill('SIGKILL');
  }

  get sdUrl(): string {
    return `${this.url}/prometheus/targets`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async waitExit(timeoutMs = 15_000): Promise<ProcessExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM, then SIGKILL if it is still running 12 s later; nothing if it has exited. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    try {
      await this.waitExit(12_000);
    } catch {
      this.kill('SIGKILL');
      await this.waitExit(5_000);
    }
  }

  /**
   * performance.now() when `text` first arrived on stdout or stderr, without a request to the
   * process; fails at once if the process exits first.
   */
  async waitOutput(text: string, timeoutMs = 60_000): Promise<number> {
    const arrival = await waitFor(
      `${this.name} to print ${JSON.stringify(text)}`,
      () => {
        const index = this.output.indexOf(text);
        if (index !== -1) {
          const end = index + text.length;
          return this.chunks.find((chunk) => chunk.end >= end)!.at;
        }
        return this.running ? undefined : 'exited';
      },
      { timeoutMs, intervalMs: 5 },
    );
    if (arrival === 'exited') {
      throw new Error(
        `${this.name} exited before it printed ${JSON.stringify(text)}:\n${this.output}`,
      );
    }
    return arrival;
  }

  /** performance.now() at the first 200 from /health/ready; fails at once if the process exits. */
  async waitReady(timeoutMs = 60_000, intervalMs = 10): Promise<number> {
    const readyAt = await waitFor(
      `${this.name} to be ready on ${this.url}`,
      async () => {
        if (!this.running) return 'exited';
        const res = await fetch(`${this.url}/health/ready`);
        await res.arrayBuffer();
        return res.status === 200 ? performance.now() : undefined;
      },
      { timeoutMs, intervalMs },
    );
    if (readyAt === 'exited') {
      throw new Error(`${this.name} exited before it was ready:\n${this.output}`);
    }
    return readyAt;
  }
}
