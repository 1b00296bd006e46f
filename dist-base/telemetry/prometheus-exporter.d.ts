import { Registry, RegistryContentType } from 'prom-client';
export interface PrometheusExporterOptions {
    port?: number;
    host?: string;
    registry?: Registry<RegistryContentType>;
}
export declare class PrometheusExporter {
    readonly host: string;
    private readonly requestedPort;
    private readonly registry;
    private server;
    private starting;
    private stopping;
    constructor({ port, host, registry, }?: PrometheusExporterOptions);
    get port(): number;
    get isRunning(): boolean;
    start(): Promise<void>;
    stop(): Promise<void>;
    generateLatest(): Promise<string>;
    private listen;
    private listenError;
    private close;
    private handle;
}
