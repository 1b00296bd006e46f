"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PrometheusExporter = void 0;
const node_http_1 = require("node:http");
const prom_client_1 = require("prom-client");
class PrometheusExporter {
    host;
    requestedPort;
    registry;
    server = null;
    starting = null;
    stopping = null;
    constructor({ port = 8000, host = '0.0.0.0', registry = prom_client_1.register, } = {}) {
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
            throw new RangeError(`PrometheusExporter: port must be an integer from 0 to 65535, got ${port}`);
        }
        this.requestedPort = port;
        this.host = host;
        this.registry = registry;
    }
    get port() {
        const address = this.server?.address();
        return address && typeof address === 'object'
            ? address.port
            : this.requestedPort;
    }
    get isRunning() {
        return this.server !== null && this.starting === null && this.stopping === null;
    }
    async start() {
        if (this.stopping)
            await this.stopping;
        if (this.server && !this.starting)
            return;
        this.starting ??= this.listen().finally(() => {
            this.starting = null;
        });
        return this.starting;
    }
    async stop() {
        if (this.starting)
            await this.starting.catch(() => undefined);
        this.stopping ??= this.close().finally(() => {
            this.stopping = null;
        });
        return this.stopping;
    }
    generateLatest() {
        return this.registry.metrics();
    }
    listen() {
        const server = (0, node_http_1.createServer)((req, res) => void this.handle(req, res));
        return new Promise((resolve, reject) => {
            const onError = (error) => {
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
    listenError(error) {
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
    close() {
        const server = this.server;
        if (!server)
            return Promise.resolve();
        return new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }).finally(() => {
            this.server = null;
        });
    }
    async handle(req, res) {
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
        }
        catch (error) {
            res
                .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
                .end(`cannot collect metrics: ${error.message}\n`);
        }
    }
}
exports.PrometheusExporter = PrometheusExporter;
//# sourceMappingURL=prometheus-exporter.js.map