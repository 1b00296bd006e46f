import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './ports';
import { ServedProcess } from './served-process';

/** A Prometheus release under test, and where its binary is. */
export interface PrometheusServer {
  name: string;
  major: number;
  bin: () => string;
}

/** Debian's package (2.42 on bookworm), the oldest Prometheus we test; PROMETHEUS_BIN may move it. */
export const DEBIAN_PROMETHEUS: PrometheusServer = {
  name: 'Prometheus 2 (Debian)',
  major: 2,
  bin: () => process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus',
};

/** Built from its Go module by scripts/sd-consumers.sh, which npm test runs. */
export const PROMETHEUS_3: PrometheusServer = {
  name: 'Prometheus 3',
  major: 3,
  bin: () => builtBin('PROMETHEUS3_BIN'),
};

export const PROMETHEUS_SERVERS = [DEBIAN_PROMETHEUS, PROMETHEUS_3];

/** A binary scripts/sd-consumers.sh built, found through the variable npm test sets. */
export function builtBin(variable: string): string {
  const bin = process.env[variable];
  if (!bin) {
    throw new Error(
      `${variable} is not set: run through \`npm test\`, or eval "$(scripts/sd-consumers.sh env)"`,
    );
  }
  return bin;
}

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

/**
 * The prometheus.yml for the jobs: 1 s scrape and SD refresh, so tests wait seconds. vmagent reads
 * the same file but refuses the keys it does not have: it refreshes every HTTP SD on the interval
 * of its -promscrape.httpSDCheckInterval flag, and evaluates no rules.
 */
export function prometheusConfig(
  jobs: SdJob[],
  dialect: 'prometheus' | 'vmagent' = 'prometheus',
): string {
  const prometheus = dialect === 'prometheus';
  return stringify({
    global: {
      scrape_interval: '1s',
      scrape_timeout: '1s',
      ...(prometheus && { evaluation_interval: '1s' }),
    },
    scrape_configs: jobs.map((job) => ({
      job_name: job.name,
      http_sd_configs: [
        {
          url: job.url,
          ...(prometheus && { refresh_interval: '1s' }),
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

/**
 * What the specs read of an SD consumer: Prometheus and vmagent both answer /api/v1/targets in
 * Prometheus' shape and serve their own metrics at /metrics.
 */
export abstract class SdConsumer {
  protected constructor(protected readonly served: ServedProcess) {}

  get url(): string {
    return this.served.url;
  }

  logTail(lines = 20): string {
    return this.served.logTail(lines);
  }

  /** `/api/v1/targets`' activeTargets, optionally of one job. */
  async activeTargets(job?: string): Promise<ActiveTarget[]> {
    const data = await this.api<{ activeTargets: ActiveTarget[] }>('/api/v1/targets?state=active');
    return job === undefined
      ? data.activeTargets
      : data.activeTargets.filter((target) => target.scrapePool === job);
  }

  /** The sum of the samples of `name` matching `labels` in the consumer's own /metrics. */
  async ownMetric(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
    return sumSamples(await (await fetch(`${this.url}/metrics`)).text(), name, labels);
  }

  /** An instant query's vector result. */
  abstract query(expr: string): Promise<QuerySample[]>;

  async stop(): Promise<void> {
    await this.served.stop();
  }

  protected async api<T>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  }
}

/** A real Prometheus server, started from a generated config on its own port and temp dir. */
export class TestPrometheus extends SdConsumer {
  static async start(
    jobs: SdJob[],
    {
      server = DEBIAN_PROMETHEUS,
      remoteWriteReceiver = false,
      timeoutMs = 60_000,
    }: { server?: PrometheusServer; remoteWriteReceiver?: boolean; timeoutMs?: number } = {},
  ): Promise<TestPrometheus> {
    const served = await ServedProcess.start({
      name: server.name.replace(/\W+/g, '-').toLowerCase(),
      bin: server.bin(),
      prepare: (dir) => writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig(jobs)),
      args: (dir, port) => [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--web.enable-lifecycle',
        ...(remoteWriteReceiver ? ['--web.enable-remote-write-receiver'] : []),
      ],
      readyPath: '/-/ready',
      timeoutMs,
    });
    return new TestPrometheus(served);
  }

  /** Where another agent sends samples (with remoteWriteReceiver). */
  get remoteWriteUrl(): string {
    return `${this.url}/api/v1/write`;
  }

  /** The release it reports, e.g. "2.42.0". */
  async version(): Promise<string> {
    return (await this.api<{ version: string }>('/api/v1/status/buildinfo')).version;
  }

  async query(expr: string): Promise<QuerySample[]> {
    const data = await this.api<{ resultType: string; result: QuerySample[] }>(
      `/api/v1/query?query=${encodeURIComponent(expr)}`,
    );
    return data.result;
  }
}

/**
 * VictoriaMetrics' vmagent, built by scripts/sd-consumers.sh: discovers and scrapes like
 * Prometheus but stores nothing, so its samples go by remote write to `storage` (a Prometheus
 * with its receiver on), where the spec queries them.
 */
export class TestVmagent extends SdConsumer {
  private constructor(
    served: ServedProcess,
    private readonly storage: TestPrometheus,
  ) {
    super(served);
  }

  static async start(jobs: SdJob[], { timeoutMs = 60_000 } = {}): Promise<TestVmagent> {
    const storage = await TestPrometheus.start([], { remoteWriteReceiver: true, timeoutMs });
    try {
      const served = await ServedProcess.start({
        name: 'vmagent',
        bin: builtBin('VMAGENT_BIN'),
        prepare: (dir) => writeFileSync(join(dir, 'scrape.yml'), prometheusConfig(jobs, 'vmagent')),
        args: (dir, port) => [
          `-promscrape.config=${join(dir, 'scrape.yml')}`,
          '-promscrape.httpSDCheckInterval=1s',
          `-httpListenAddr=127.0.0.1:${port}`,
          `-remoteWrite.url=${storage.remoteWriteUrl}`,
          // Prometheus' receiver speaks its own protocol, not VictoriaMetrics'.
          `-remoteWrite.forcePromProto=true`,
          `-remoteWrite.tmpDataPath=${join(dir, 'remote-write')}`,
          '-remoteWrite.flushInterval=1s',
        ],
        readyPath: '/health',
        timeoutMs,
      });
      return new TestVmagent(served, storage);
    } catch (error) {
      await storage.stop();
      throw error;
    }
  }

  /** Queries the samples vmagent wrote to its storage. */
  query(expr: string): Promise<QuerySample[]> {
    return this.storage.query(expr);
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.storage.stop();
  }
}

export { freePort };
