import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { waitFor } from './wait';

export interface ServedProcessOptions {
  /** For messages and the temp dir's name. */
  name: string;
  bin: string;
  /** The command line, given the process's own temp dir and loopback port. */
  args: (dir: string, port: number) => string[];
  /** Answers 200 once the process serves. */
  readyPath: string;
  /** Written into the temp dir before the start. */
  prepare?: (dir: string, port: number) => void;
  timeoutMs?: number;
}

/** A server binary run from its own temp dir on a free loopback port, its output in a log file. */
export class ServedProcess {
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(options: ServedProcessOptions): Promise<ServedProcess> {
    const { name, bin, timeoutMs = 60_000 } = options;
    if (!existsSync(bin)) {
      throw new Error(`${name}: ${bin} is missing: run through \`npm test\`, which installs it`);
    }
    const dir = mkdtempSync(join(tmpdir(), `e2e-${name}-`));
    const port = await freePort();
    options.prepare?.(dir, port);
    const log = openSync(join(dir, 'process.log'), 'a');
    const child = spawn(bin, options.args(dir, port), { cwd: dir, stdio: ['ignore', log, log] });
    closeSync(log);
    let exitCode: number | string | null | undefined;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        exitCode = code ?? signal;
        resolve();
      });
      child.once('error', (error) => {
        exitCode = error.message;
        resolve();
      });
    });
    const served = new ServedProcess(name, `http://127.0.0.1:${port}`, dir, child, exited);
    try {
      await waitFor(
        `${name} on :${port} to be ready`,
        async () => {
          if (exitCode !== undefined) {
            throw new Error(`${name} exited with ${exitCode}: ${served.logTail()}`);
          }
          return (await fetch(`${served.url}${options.readyPath}`)).status === 200;
        },
        { timeoutMs },
      );
    } catch (error) {
      await served.stop();
      throw error;
    }
    return served;
  }

  /** The last lines the process logged, for failure messages. */
  logTail(lines = 20): string {
    try {
      return readFileSync(join(this.dir, 'process.log'), 'utf8')
        .trim()
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** SIGTERM, wait for the exit (SIGKILL after 10 s), remove the temp dir. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(killer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
