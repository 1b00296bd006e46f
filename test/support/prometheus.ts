import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { waitFor } from './wait';
import { freePort } from './ports';

/** Debian's package puts it here; PROMETHEUS_BIN may point elsewhere. */
const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

/** One scrape job whose targets come from the registry's HTTP SD endpoint. */
export interface SdJob {
  name: string;
  /** The SD URL, query included (`?shard=0&shards=2`). */
  url: string;
  /** Sent as `Authorization: Bearer <credentials>` (Prometheus' `authorization` block). */
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
}

export interface ActiveTarget {
  discoveredLabels: Record<string, string>;
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  lastError: string;
  health: 'up' | 'down' | 'unknown';
}

export interface QuerySample {
  metric: Record<string, string>;
  value: [number, string];
}

/** The prometheus.yml for the jobs: 1 s scrape and SD refresh, so tests wait seconds. */
export function prometheusConfig(jobs: SdJob[]): string {
  return stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    scrape_configs: jobs.map((job) => ({
      job_name: job.name,
      http_sd_configs: [
        {
          url: job.url,
          refresh_interval: '1s',
          ...(job.bearerToken !== undefined && {
            authorization: { type: 'Bearer', credentials: job.bearerToken },
          }),
          ...(job.basicAuth !== undefined && { basic_auth: job.basicAuth }),
        },
      ],
    })),
  });
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Sums the samples of one metric in the Prometheus text format whose labels include `labels`;
 * undefined when no sample matches. Enough for tests, not a full parser (no escapes in values).
 */
export function sumSamples(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (match === null || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      sum = (sum ?? 0) + Number(match[3]);
    }
  }
  return sum;
}

/** A real Prometheus server, started from a generated config on its own port and temp dir. */
export class TestPrometheus {
  private constructor(
    readonly url: string,
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(jobs: SdJob[], { timeoutMs = 60_000 } = {}): Promise<TestPrometheus> {
    if (!existsSync(PROMETHEUS_BIN)) {
      throw new Error(`${PROMETHEUS_BIN} is missing: run through \`npm test\`, which installs it`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'e2e-prometheus-'));
    const configFile = join(dir, 'prometheus.yml');
    writeFileSync(configFile, prometheusConfig(jobs));
    const port = await freePort();
    const log = openSync(join(dir, 'prometheus.log'), 'a');
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
      ],
      { stdio: ['ignore', log, log] },
    );
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
    const prometheus = new TestPrometheus(`http://127.0.0.1:${port}`, dir, child, exited);
    try {
      await waitFor(
        `Prometheus on :${port} to be ready`,
        async () => {
          if (exitCode !== undefined) {
            throw new Error(`prometheus exited with ${exitCode}: ${prometheus.logTail()}`);
          }
          return (await fetch(`${prometheus.url}/-/ready`)).status === 200;
        },
        { timeoutMs },
      );
    } catch (error) {
      await prometheus.stop();
      throw error;
    }
    return prometheus;
  }

  /** The last lines Prometheus logged, for failure messages. */
  logTail(lines = 20): string {
    try {
      return readFileSync(join(this.dir, 'prometheus.log'), 'utf8')
        .trim()
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  private async api<T>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  }

  /** `/api/v1/targets`' activeTargets, optionally of one job. */
  async activeTargets(job?: string): Promise<ActiveTarget[]> {
    const data = await this.api<{ activeTargets: ActiveTarget[] }>('/api/v1/targets?state=active');
    return job === undefined
      ? data.activeTargets
      : data.activeTargets.filter((target) => target.scrapePool === job);
  }

  /** An instant query's vector result. */
  async query(expr: string): Promise<QuerySample[]> {
    const data = await this.api<{ resultType: string; result: QuerySample[] }>(
      `/api/v1/query?query=${encodeURIComponent(expr)}`,
    );
    return data.result;
  }

  /**
   * The sum of the samples of `name` matching `labels` in Prometheus' own /metrics (read from the
   * text format: its self-scrape job is not configured), or undefined when there is none.
   */
  async ownMetric(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
    return sumSamples(await (await fetch(`${this.url}/metrics`)).text(), name, labels);
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

export { freePort };
