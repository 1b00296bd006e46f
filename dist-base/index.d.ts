export { loadRegistryConfig, RegistryConfig, ConfigError } from './config/registry.config';
export { startRegistryApp } from './app.factory';
export { PrometheusExporter, type PrometheusExporterOptions, } from './telemetry/prometheus-exporter';
export * from './client';
