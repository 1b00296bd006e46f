export { MetricsRegistryClient, DEFAULT_COMMAND_TOPIC, type MetricsRegistryClientOptions, type MetricsRegistryClientLogger, } from './metrics-registry.client';
export { MetricsRegistryClientModule, METRICS_REGISTRY_CLIENT_OPTIONS, type MetricsRegistryClientModuleOptions, type MetricsRegistryClientModuleAsyncOptions, } from './metrics-registry-client.module';
export { Target, type Scheme } from '../target/target';
export type { Registration } from '../target/registration';
export type { SdTargetGroup } from '../target/sd-target-group';
export { type Command, commandValue, validateCommand } from '../target/command';
export { DeadlineError } from '../resilience/deadline';
export { validateTarget, validateDeregister, validateTargetFor, InvalidTargetError, type Validated, } from '../target/target.validation';
