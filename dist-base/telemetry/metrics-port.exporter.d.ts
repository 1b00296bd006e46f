import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
import { PrometheusExporter } from './prometheus-exporter';
export declare class MetricsPortExporter implements OnApplicationBootstrap, OnApplicationShutdown {
    readonly exporter: PrometheusExporter;
    constructor(config: RegistryConfig, registry: Registry);
    onApplicationBootstrap(): Promise<void>;
    onApplicationShutdown(): Promise<void>;
}
