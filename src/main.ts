import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startRegistryApp } from './app.factory';
import { ConfigError, loadRegistryConfig } from './config/registry.config';
import { describeAccessFailure } from './kafka/kafka-access';

const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Starts the registry from the environment; exits 0 after a clean shutdown on SIGTERM or SIGINT.
 * `loadedFrom`, from dist/start.js, says how the code was loaded (logged at info).
 */
export async function serve(
  env: NodeJS.ProcessEnv = process.env,
  loadedFrom: string | null = null,
): Promise<void> {
  const logger = new Logger('MetricsRegistry');
  let config;
  try {
    config = loadRegistryConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (loadedFrom !== null) logger.log(loadedFrom);
  // Listening from the start: a signal while the app is still starting (Kubernetes may stop a pod
  // at any moment) waits for the start to finish, then shuts down as cleanly as any other time.
  const starting = startRegistryApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms, exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const app = await starting.catch(() => null);
    await app?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  try {
    await starting;
  } catch (error) {
    if (stopping) return;
    // Kafka may have been reachable only after the first check, when its refusal came in retries.
    const failure = describeAccessFailure(error, config.kafka);
    throw failure === null ? error : new Error(failure);
  }
}

/** serve(), and exit 1 with the reason if the registry cannot start. */
export function run(loadedFrom: string | null = null): void {
  serve(process.env, loadedFrom).catch((error: Error) => {
    new Logger('MetricsRegistry').error(`startup failed: ${error.message}`);
    process.exit(1);
  });
}

if (require.main === module) run();
