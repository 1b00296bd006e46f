import { Server, createServer } from 'node:http';

/** A small real HTTP server on 127.0.0.1 serving the Prometheus text format at one path. */
export class MetricsServer {
  /** How many times the metrics path was fetched. */
  scrapes = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly path: string,
  ) {}

  /** `text` is served as is (end it with a newline) at `path`; anything else is 404. */
  static start(text: string, path = '/metrics'): Promise<MetricsServer> {
    return new Promise((resolve, reject) => {
      let started: MetricsServer;
      const server = createServer((req, res) => {
        if (req.method === 'GET' && req.url?.split('?')[0] === path) {
          started.scrapes++;
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
          res.end(text);
        } else {
          res.writeHead(404).end();
        }
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        started = new MetricsServer(server, (server.address() as { port: number }).port, path);
        resolve(started);
      });
    });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Closes the socket and the scrapers' keep-alive connections. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
