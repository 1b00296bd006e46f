import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);
const script = join(__dirname, '../../scripts/kafka.sh');

/** A broker of the spec's own, for tests that stop and restart Kafka under the registry. */
export class OwnBroker {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(): Promise<OwnBroker> {
    return new OwnBroker(await freePort(), mkdtempSync(join(tmpdir(), 'registry-e2e-kafka-')));
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  async start(): Promise<void> {
    await run(script, ['start', String(this.port)], {
      env: { ...process.env, KAFKA_RUN_DIR: this.dir },
    });
  }

  async stop(): Promise<void> {
    await run(script, ['stop', String(this.port)], {
      env: { ...process.env, KAFKA_RUN_DIR: this.dir },
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
