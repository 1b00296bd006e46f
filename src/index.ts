/** The package's public entry point: what applications and other services import. */
export { loadRegistryConfig, RegistryConfig, ConfigError } from './config/registry.config';
export { startRegistryApp } from './app.factory';
export type { Registration, RegisterTarget } from './registry/registration';
export {
  validateRegisterTarget,
  validateDeregisterTarget,
  validateTargetFor,
  InvalidTargetError,
} from './registry/command.validation';
