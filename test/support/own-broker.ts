import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);
const script = join(__dirname, '../../scripts/kafka.sh');

/** The SCRAM user a secured broker is formatted with. */
export interface ScramUser {
  username: string;
  password: string;
}

/**
 * A broker of the spec's own, for tests that stop and restart Kafka under the registry, or that
 * need it secured (kafka.sh's KAFKA_SECURITY=sasl_ssl: SASL_SSL with SCRAM-SHA-512 on `port`,
 * mutual TLS on `mtlsPort`, certificates of a CA generated for the run).
 */
export class OwnBroker {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(options: { secured?: ScramUser } = {}): Promise<OwnBroker> {
    const { secured } = options;
    const env: NodeJS.ProcessEnv = secured
      ? {
          KAFKA_SECURITY: 'sasl_ssl',
          KAFKA_SCRAM_USERNAME: secured.username,
          KAFKA_SCRAM_PASSWORD: secured.password,
        }
      : {};
    const dir = mkdtempSync(join(tmpdir(), 'registry-e2e-kafka-'));
    return new OwnBroker(await freePort(), dir, env);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** The secured broker's files: ca.crt (its CA), client.crt and client.key (for mutual TLS). */
  tlsFile(name: 'ca.crt' | 'client.crt' | 'client.key'): string {
    return join(this.dir, String(this.port), 'tls', name);
  }

  /** The secured broker's listener that requires a client certificate. */
  get mtlsBrokers(): string[] {
    const port = readFileSync(join(this.dir, String(this.port), 'mtls.port'), 'utf8').trim();
    return [`127.0.0.1:${port}`];
  }

  async start(): Promise<void> {
    await run(script, ['start', String(this.port)], {
      env: { ...process.env, ...this.env, KAFKA_RUN_DIR: this.dir },
    });
  }

  async stop(): Promise<void> {
    await run(script, ['stop', String(this.port)], {
      env: { ...process.env, ...this.env, KAFKA_RUN_DIR: this.dir },
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
