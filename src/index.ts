/**
 * The package's root entry (also `metrics-registry/server`): the registry server, its configuration
 * and the PrometheusExporter. Applications that only register targets import
 * `metrics-registry/client`, which does not load the server.
 */
export { loadRegistryConfig, RegistryConfig, ConfigError } from './config/registry.config';
export { startRegistryApp } from './app.factory';
export {
  PrometheusExporter,
  type PrometheusExporterOptions,
} from './telemetry/prometheus-exporter';
export * from './client';
