import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { waitFor } from './wait';

const run = promisify(execFile);

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Faults of the broker process itself (SIGKILL, SIGSTOP, SIGCONT) for chaos specs, on a broker
 * that scripts/kafka.sh started on `port` (an OwnBroker). kafka.sh runs it as
 * `java … kafka.Kafka <run dir>/<port>/server.properties`, so the port finds the process without
 * reaching into OwnBroker.
 */
export class BrokerFaults {
  private paused: number | null = null;

  constructor(readonly port: number) {}

  /** The pid of the running broker on the port, or null if there is none. */
  async pid(): Promise<number | null> {
    const { stdout } = await run('ps', ['-ww', '-eo', 'pid=,args=']);
    const config = `/${this.port}/server.properties`;
    for (const line of stdout.split('\n')) {
      const args = line.trim();
      if (args.includes('kafka.Kafka ') && args.endsWith(config)) {
        return Number(args.split(/\s+/)[0]);
      }
    }
    return null;
  }

  private async requirePid(): Promise<number> {
    const pid = await this.pid();
    if (pid === null) throw new Error(`no Kafka broker process serves port ${this.port}`);
    return pid;
  }

  /** SIGKILL, then waits until the process is gone and its port refuses connections. */
  async kill(): Promise<void> {
    process.kill(await this.requirePid(), 'SIGKILL');
    this.paused = null;
    await waitFor(
      `the broker on ${this.port} to die`,
      async () => (await this.pid()) === null && !(await portOpen(this.port)),
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  }

  /** SIGSTOP: the process keeps its sockets open but answers nothing, like a long GC pause. */
  async pause(): Promise<void> {
    const pid = await this.requirePid();
    process.kill(pid, 'SIGSTOP');
    this.paused = pid;
  }

  /** SIGCONT to the paused broker; nothing if none is paused (safe in afterEach). */
  resume(): void {
    if (this.paused === null) return;
    try {
      process.kill(this.paused, 'SIGCONT');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    this.paused = null;
  }
}
