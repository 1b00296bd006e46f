/** The package's public entry point: what applications and other services import. */
export { loadRegistryConfig, RegistryConfig, ConfigError } from './config/registry.config';
export { startRegistryApp } from './app.factory';
export {
  PrometheusExporter,
  type PrometheusExporterOptions,
} from './telemetry/prometheus-exporter';
export type { Registration, RegisterTarget } from './registry/registration';
export {
  validateRegisterTarget,
  validateDeregisterTarget,
  validateTargetFor,
  InvalidTargetError,
} from './registry/command.validation';
export {
  MetricsRegistryClient,
  DEFAULT_CLIENT_TOPICS,
  type MetricsRegistryClientOptions,
  type MetricsRegistryClientTopics,
  type MetricsRegistryClientLogger,
} from './client/metrics-registry.client';
export {
  MetricsRegistryClientModule,
  METRICS_REGISTRY_CLIENT_OPTIONS,
  type MetricsRegistryClientModuleOptions,
  type MetricsRegistryClientModuleAsyncOptions,
} from './client/metrics-registry-client.module';
export type { TargetRegistration, RegisterMessage } from './client/register-message';
