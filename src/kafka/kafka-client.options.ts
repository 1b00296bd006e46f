import { Logger } from '@nestjs/common';
import { KafkaConfig, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import type { KafkaConnectionConfig } from '../config/registry.config';

const logger = new Logger('kafkajs');

/** kafkajs logs through the Nest logger; only warnings and errors, since its info level is chatty. */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    // We retry state writes ourselves (RegistryProducer), so this advice does not apply.
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    const line = `${message} ${JSON.stringify(extra)}`;
    // kafkajs reports retriable broker errors at ERROR; they are warnings until retries run out.
    if (level === KafkaLogLevel.ERROR || level === KafkaLogLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

/** TLS with certificate verification always on; the CA and client certificate from files. */
export function sslOptions(connection: KafkaConnectionConfig): KafkaConfig['ssl'] {
  if (!connection.ssl) return false;
  const { ca, cert, key } = connection.sslFiles;
  return {
    rejectUnauthorized: true,
    ...(ca !== null && { ca: ca.pem }),
    ...(cert !== null && key !== null && { cert: cert.pem, key: key.pem }),
  };
}

/** The kafkajs client settings for one role of the service (commands, state reader, writer). */
export function kafkaClientConfig(connection: KafkaConnectionConfig, role: string): KafkaConfig {
  return {
    clientId: `${connection.clientId}-${role}`,
    brokers: connection.brokers,
    ssl: sslOptions(connection),
    sasl: connection.sasl
      ? ({
          mechanism: connection.sasl.mechanism,
          username: connection.sasl.username,
          password: connection.sasl.password,
        } as KafkaConfig['sasl'])
      : undefined,
    logLevel: KafkaLogLevel.WARN,
    logCreator,
    // Reconnect within a few seconds of Kafka coming back, however long it was away.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
  };
}
