import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchTopics } from './kafka-fixtures';
import { REGISTRY_MAIN, benchScript } from './paths';
import { Started, freePort, startProcess, stopProcess, waitFor } from './processes';

/** The registry as users run it (`node dist/main.js` with environment), in its own process. */
export class RegistryProcess {
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly started: Started,
  ) {}

  static async start(
    name: string,
    brokers: string[],
    topics: BenchTopics,
    nodeArgs: string[] = [],
  ): Promise<RegistryProcess> {
    const port = await freePort();
    const started = startProcess(
      name,
      process.execPath,
      ['--expose-gc', '-r', benchScript('gc-on-signal'), ...nodeArgs, REGISTRY_MAIN],
      {
        PORT: String(port),
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_GROUP_ID: `bench-${randomUUID().slice(0, 8)}`,
        REGISTRY_REGISTER_TOPIC: topics.register,
        REGISTRY_DEREGISTER_TOPIC: topics.deregister,
        REGISTRY_DLQ_TOPIC: topics.dlq,
        REGISTRY_STATE_TOPIC: topics.state,
        LOG_LEVEL: 'info',
      },
    );
    return new RegistryProcess(name, `http://127.0.0.1:${port}`, started);
  }

  get sdUrl(): string {
    return `${this.url}/prometheus/targets`;
  }

  /** performance.now() at the first 200 from /health/ready (polled every `intervalMs`). */
  async waitReady(timeoutMs = 120_000, intervalMs = 10): Promise<number> {
    return waitFor(
      `${this.name} ready`,
      async () => {
        if (this.started.child.exitCode !== null) {
          throw new Error(`${this.name} exited with ${this.started.child.exitCode}`);
        }
        const res = await fetch(`${this.url}/health/ready`);
        await res.arrayBuffer();
        return res.status === 200 ? performance.now() : undefined;
      },
      { timeoutMs, intervalMs },
    );
  }

  /** Unlabelled samples of /metrics, by name. */
  async metrics(): Promise<Map<string, number>> {
    const res = await fetch(`${this.url}/metrics`);
    const text = await res.text();
    const values = new Map<string, number>();
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*) ([-+0-9.eE]+|NaN)$/.exec(line);
      if (match) values.set(match[1], Number(match[2]));
    }
    return values;
  }

  /** Asks the process for a full GC (see gc-on-signal.ts) and waits until it is done. */
  async collectGarbage(): Promise<void> {
    const before = this.started.lines.length;
    this.started.child.kill('SIGUSR2');
    await waitFor(
      `${this.name} gc`,
      () => this.started.lines.slice(before).some((l) => l.text.startsWith('[bench] gc done')),
      { timeoutMs: 10_000, intervalMs: 10 },
    );
  }

  async stop(): Promise<void> {
    await stopProcess(this.started.child);
  }
}
