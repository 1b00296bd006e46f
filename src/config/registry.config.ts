/**
 * The service's configuration (SPEC §4), read once from the environment and validated.
 * Nothing else in the code base reads process.env: every other piece receives a RegistryConfig.
 * The variables themselves, their defaults and parsers are the table in environment.ts.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { ConfigError } from './config-error';
import { Env, EnvironmentValues, PemFile, readEnvironment } from './environment';
import type { TargetPolicy } from '../target/target.policy';
import { DEFAULT_DENIED_HOSTS, deniedHostPatterns } from './target-policy';

export { ConfigError };
export type { PemFile };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaConnectionConfig {
  brokers: string[];
  clientId: string;
  groupId: string;
  ssl: boolean;
  /** What TLS trusts and presents beside Node's defaults; only with ssl. */
  sslFiles: KafkaSslFiles;
  sasl: { mechanism: SaslMechanism; username: string; password: string } | null;
}

export interface KafkaSslFiles {
  /** The CAs the brokers' certificates must chain to; null: Node's trusted CAs. */
  ca: PemFile | null;
  /** The client certificate and its key, for brokers that require one (mutual TLS). */
  cert: PemFile | null;
  key: PemFile | null;
}

export interface RegistryTopics {
  /** The ordered command topic: register and deregister as `op`. */
  commands: string;
  register: string;
  deregister: string;
  dlq: string;
  state: string;
}

/** The defaults are those of the environment table (registry.config.spec holds them equal). */
export class RegistryConfig {
  port = 4000;
  sdEndpoint = '/prometheus/targets';
  kafka: KafkaConnectionConfig = {
    brokers: ['localhost:9092'],
    clientId: 'metrics-registry',
    groupId: 'metrics-registry',
    ssl: false,
    sslFiles: { ca: null, cert: null, key: null },
    sasl: null,
  };
  topics: RegistryTopics = {
    commands: 'metrics-registry.commands',
    register: 'metrics-registry.register',
    deregister: 'metrics-registry.deregister',
    dlq: 'metrics-registry.dlq',
    state: 'metrics_targets_topic',
  };
  statePartitions = 1;
  stateReplication = 1;
  metricsPort: number | null = null;
  sdBearerToken: string | null = null;
  sdBasicAuth: { username: string; password: string } | null = null;
  apiToken: string | null = null;
  logLevel: LogLevel = 'info';
  host = '0.0.0.0';
  /** Who may register what (SPEC §2.1); the decision is target/target.policy. */
  targetPolicy: TargetPolicy = {
    allowedHosts: null,
    allowedPorts: null,
    deniedHosts: deniedHostPatterns(DEFAULT_DENIED_HOSTS, 'REGISTRY_DENIED_HOSTS'),
  };
  /** Share of ttlSeconds granted on top of each lease, so covered renewals need no write. */
  leaseSlack = 0.5;
  /** The shrink brake (SPEC §2.3). */
  expiryBrake = { share: 0.5, minTargets: 10, holdLimitMs: 600_000 };
  /** How long a REST write waits for Kafka before answering 503. */
  apiWriteTimeoutMs = 10_000;
  /** How often expired leases are looked for (not an environment variable; tests shorten it). */
  leaseSweepIntervalMs = 1000;

  /** A copy with some fields replaced: how tests derive a config. */
  with(overrides: Partial<RegistryConfig>): RegistryConfig {
    return Object.assign(new RegistryConfig(), this, overrides);
  }
}

/** Reads and validates SPEC §4; throws ConfigError naming the first bad variable. */
export function loadRegistryConfig(env: Env): RegistryConfig {
  const values = readEnvironment(env);
  const config = new RegistryConfig();
  config.port = values.PORT;
  config.sdEndpoint = values.PROMETHEUS_SD_ENDPOINT;
  config.kafka = {
    brokers: values.KAFKA_BROKERS,
    clientId: values.KAFKA_CLIENT_ID,
    groupId: values.KAFKA_GROUP_ID,
    ssl: values.KAFKA_SSL,
    sslFiles: sslFiles(values),
    sasl: sasl(values),
  };
  config.topics = {
    commands: values.REGISTRY_COMMAND_TOPIC,
    register: values.REGISTRY_REGISTER_TOPIC,
    deregister: values.REGISTRY_DEREGISTER_TOPIC,
    dlq: values.REGISTRY_DLQ_TOPIC,
    state: values.REGISTRY_STATE_TOPIC,
  };
  config.statePartitions = values.REGISTRY_STATE_PARTITIONS;
  config.stateReplication = values.REGISTRY_STATE_REPLICATION;
  config.leaseSlack = values.REGISTRY_LEASE_SLACK;
  config.expiryBrake = {
    share: values.REGISTRY_EXPIRY_BRAKE_SHARE,
    minTargets: values.REGISTRY_EXPIRY_BRAKE_MIN_TARGETS,
    holdLimitMs: values.REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS * 1000,
  };
  config.apiWriteTimeoutMs = values.REGISTRY_API_WRITE_TIMEOUT_SECONDS * 1000;
  config.metricsPort = values.METRICS_PORT;
  config.sdBearerToken = values.SD_BEARER_TOKEN;
  config.sdBasicAuth = values.SD_BASIC_AUTH;
  config.apiToken = values.REGISTRY_API_TOKEN;
  config.logLevel = values.LOG_LEVEL;
  config.host = values.HOST;
  config.targetPolicy = {
    allowedHosts: values.REGISTRY_ALLOWED_HOSTS,
    allowedPorts: values.REGISTRY_ALLOWED_PORTS,
    deniedHosts: values.REGISTRY_DENIED_HOSTS,
  };
  if (
    config.metricsPort !== null &&
    config.metricsPort !== 0 &&
    config.metricsPort === config.port
  ) {
    throw new ConfigError('METRICS_PORT', `must differ from PORT (both are ${config.port})`);
  }
  const topics = Object.values(config.topics);
  if (new Set(topics).size !== topics.length) {
    throw new ConfigError(
      'REGISTRY_STATE_TOPIC',
      'and the command and DLQ topics must all be different',
    );
  }
  return config;
}

function sslFiles(values: EnvironmentValues): KafkaSslFiles {
  const files = {
    KAFKA_SSL_CA_FILE: values.KAFKA_SSL_CA_FILE,
    KAFKA_SSL_CERT_FILE: values.KAFKA_SSL_CERT_FILE,
    KAFKA_SSL_KEY_FILE: values.KAFKA_SSL_KEY_FILE,
  };
  for (const [name, file] of Object.entries(files)) {
    if (file !== null && !values.KAFKA_SSL) {
      throw new ConfigError(name, 'is set, but KAFKA_SSL is off: set KAFKA_SSL=true');
    }
  }
  const { KAFKA_SSL_CERT_FILE: cert, KAFKA_SSL_KEY_FILE: key } = files;
  if (cert !== null && key === null) {
    throw new ConfigError('KAFKA_SSL_KEY_FILE', 'is required when KAFKA_SSL_CERT_FILE is set');
  }
  if (key !== null && cert === null) {
    throw new ConfigError('KAFKA_SSL_CERT_FILE', 'is required when KAFKA_SSL_KEY_FILE is set');
  }
  if (cert !== null && key !== null) {
    if (!new X509Certificate(cert.pem).checkPrivateKey(createPrivateKey(key.pem))) {
      throw new ConfigError(
        'KAFKA_SSL_KEY_FILE',
        `"${key.file}" is not the key of the certificate in KAFKA_SSL_CERT_FILE "${cert.file}"`,
      );
    }
  }
  return { ca: files.KAFKA_SSL_CA_FILE, cert, key };
}

function sasl(values: EnvironmentValues): KafkaConnectionConfig['sasl'] {
  const mechanism = values.KAFKA_SASL_MECHANISM;
  if (mechanism === null) return null;
  const username = values.KAFKA_SASL_USERNAME;
  const password = values.KAFKA_SASL_PASSWORD;
  if (username === null)
    throw new ConfigError('KAFKA_SASL_USERNAME', 'is required when KAFKA_SASL_MECHANISM is set');
  if (password === null)
    throw new ConfigError('KAFKA_SASL_PASSWORD', 'is required when KAFKA_SASL_MECHANISM is set');
  return { mechanism, username, password };
}
