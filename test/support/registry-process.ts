import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RegistryTopics } from '../../src/config/registry.config';
import { testBrokers } from './kafka';
import { waitFor } from './wait';
import { freePort } from './ports';

/** The built registry (dist/main.js) as its own process, as it runs in production. */
export class RegistryProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  output = '';

  private constructor(
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(
    topics: RegistryTopics,
    groupId: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<RegistryProcess> {
    const port = await freePort();
    return new RegistryProcess(`http://127.0.0.1:${port}`, {
      PATH: process.env.PATH,
      PORT: String(port),
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: groupId,
      REGISTRY_REGISTER_TOPIC: topics.register,
      REGISTRY_DEREGISTER_TOPIC: topics.deregister,
      REGISTRY_DLQ_TOPIC: topics.dlq,
      REGISTRY_STATE_TOPIC: topics.state,
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
      ...env,
    });
  }

  start(): this {
    const child = spawn(process.execPath, [join(__dirname, '../../dist/main.js')], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.child = child;
    return this;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async waitExit(
    timeoutMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`process did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited!, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the process whatever state it is in (for afterAll). */
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

  async waitReady(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `${this.url} to be ready`,
      async () => {
        if (!this.running) throw new Error(`registry exited early:\n${this.output}`);
        return (await fetch(`${this.url}/health/ready`)).status === 200;
      },
      { timeoutMs },
    );
  }
}

export { freePort };
