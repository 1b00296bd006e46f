import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, RegistryContentType, register as globalRegistry } from 'prom-client';

export interface PrometheusExporterOptions {
  /** Default 8000; 0 picks a free port (read it back from `port` once started). */
  port?: number;
  /** Default '0.0.0.0'. */
  host?: string;
  /** Default: prom-client's global registry. */
  registry?: Registry<RegistryContentType>;
}

/**
 * Serves a prom-client registry in the Prometheus text format at /metrics on a port of its own
 * (SPEC §3.4). Plain node:http, no framework: any Node.js process can use it.
 */
export class PrometheusExporter {
  readonly host: string;
  private readonly requestedPort: number;
  private readonly registry: Registry<RegistryContentType>;
  private server: Server | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;

  constructor({
    port = 8000,
    host = '0.0.0.0',
    registry = globalRegistry,
  }: PrometheusExporterOptions = {}) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RangeError(
        `PrometheusExporter: port must be an integer from 0 to 65535, got ${port}`,
      );
    }
    this.requestedPort = port;
    this.host = host;
    this.registry = registry;
  }

  /** The port listened on while running (the one the system picked when 0 was asked), else the one asked for. */
  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object'
      ? (address as AddressInfo).port
      : this.requestedPort;
  }

  get isRunning(): boolean {
    return this.server !== null && this.starting === null && this.stopping === null;
  }

  /** Resolves once listening; calling it again (even before that) shares the same start. */
  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (this.server && !this.starting) return;
    this.starting ??= this.listen().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Stops listening and drops open connections, so the port is free once this resolves. */
  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    this.stopping ??= this.close().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  /** The registry's metrics in the text format. */
  generateLatest(): Promise<string> {
    return this.registry.metrics();
  }

  private listen(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    return new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.removeListener('listening', onListening);
        reject(this.listenError(error));
      };
      const onListening = () => {
        server.removeListener('error', onError);
        this.server = server;
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(this.requestedPort, this.host);
    });
  }

  private listenError(error: NodeJS.ErrnoException): Error {
    const where = `port ${this.requestedPort} on ${this.host}`;
    if (error.code === 'EADDRINUSE') {
      return new Error(`PrometheusExporter: ${where} is already in use`, { cause: error });
    }
    if (error.code === 'EACCES') {
      return new Error(`PrometheusExporter: no permission to listen on ${where}`, { cause: error });
    }
    return new Error(`PrometheusExporter: cannot listen on ${where}: ${error.message}`, {
      cause: error,
    });
  }

  private close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections (Prometheus keeps one per target) would hold the port otherwise.
      server.closeAllConnections();
    }).finally(() => {
      this.server = null;
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Method Not Allowed\n');
      return;
    }
    try {
      const body = await this.generateLatest();
      res.writeHead(200, {
        'Content-Type': this.registry.contentType,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res
        .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`cannot collect metrics: ${(error as Error).message}\n`);
    }
  }
}
