/**
 * The service's configuration (SPEC §4), read once from the environment and validated.
 * Nothing else in the code base reads process.env: every other piece receives a RegistryConfig.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaConnectionConfig {
  brokers: string[];
  clientId: string;
  groupId: string;
  ssl: boolean;
  sasl: { mechanism: SaslMechanism; username: string; password: string } | null;
}

export interface RegistryTopics {
  register: string;
  deregister: string;
  dlq: string;
  state: string;
}

export class RegistryConfig {
  port = 4000;
  sdEndpoint = '/prometheus/targets';
  kafka: KafkaConnectionConfig = {
    brokers: ['localhost:9092'],
    clientId: 'metrics-registry',
    groupId: 'metrics-registry',
    ssl: false,
    sasl: null,
  };
  topics: RegistryTopics = {
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
  /** How often expired leases are looked for (not an environment variable; tests shorten it). */
  leaseSweepIntervalMs = 1000;

  /** A copy with some fields replaced: how tests derive a config. */
  with(overrides: Partial<RegistryConfig>): RegistryConfig {
    return Object.assign(new RegistryConfig(), this, overrides);
  }
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];
const SASL_MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function topic(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  if (!TOPIC_NAME.test(value) || value === '.' || value === '..') {
    throw new ConfigError(
      name,
      `must be a Kafka topic name ([A-Za-z0-9._-], 1-249 chars), got "${value}"`,
    );
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = read(env, name);
  if (raw === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function brokers(env: Env): string[] {
  const name = read(env, 'KAFKA_BROKERS') !== undefined ? 'KAFKA_BROKERS' : 'KAFKA_BROKER';
  const raw = read(env, name) ?? 'localhost:9092';
  const list = raw.split(',').map((b) => b.trim());
  for (const broker of list) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/.test(broker)) {
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${broker}"`);
    }
  }
  return list;
}

function sasl(env: Env): KafkaConnectionConfig['sasl'] {
  const raw = read(env, 'KAFKA_SASL_MECHANISM');
  if (raw === undefined || /^(off|none)$/i.test(raw)) return null;
  const mechanism = oneOf(env, 'KAFKA_SASL_MECHANISM', SASL_MECHANISMS, 'plain');
  const username = read(env, 'KAFKA_SASL_USERNAME');
  const password = env.KAFKA_SASL_PASSWORD;
  if (username === undefined)
    throw new ConfigError('KAFKA_SASL_USERNAME', 'is required when KAFKA_SASL_MECHANISM is set');
  if (!password)
    throw new ConfigError('KAFKA_SASL_PASSWORD', 'is required when KAFKA_SASL_MECHANISM is set');
  return { mechanism, username, password };
}

function secret(env: Env, name: string): string | null {
  const value = env[name];
  if (value === undefined || value === '') return null;
  // A Secret made from a file often ends in a newline; such a credential could never match.
  if (value !== value.trim()) throw new ConfigError(name, 'must not start or end with whitespace');
  return value;
}

function basicAuth(env: Env): RegistryConfig['sdBasicAuth'] {
  const raw = secret(env, 'SD_BASIC_AUTH');
  if (raw === null) return null;
  const colon = raw.indexOf(':');
  if (colon < 1) throw new ConfigError('SD_BASIC_AUTH', 'must be "user:password"');
  return { username: raw.slice(0, colon), password: raw.slice(colon + 1) };
}

function sdEndpoint(env: Env): string {
  const value = read(env, 'PROMETHEUS_SD_ENDPOINT') ?? '/prometheus/targets';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(value)) {
    throw new ConfigError(
      'PROMETHEUS_SD_ENDPOINT',
      `must be a URL path starting with "/", got "${value}"`,
    );
  }
  return value;
}

/** Reads and validates SPEC §4; throws ConfigError naming the first bad variable. */
export function loadRegistryConfig(env: Env): RegistryConfig {
  const config = new RegistryConfig();
  config.port = integer(env, 'PORT', 4000, 0, 65535);
  config.sdEndpoint = sdEndpoint(env);
  config.kafka = {
    brokers: brokers(env),
    clientId: read(env, 'KAFKA_CLIENT_ID') ?? 'metrics-registry',
    groupId: read(env, 'KAFKA_GROUP_ID') ?? 'metrics-registry',
    ssl: flag(env, 'KAFKA_SSL'),
    sasl: sasl(env),
  };
  config.topics = {
    register: topic(env, 'REGISTRY_REGISTER_TOPIC', 'metrics-registry.register'),
    deregister: topic(env, 'REGISTRY_DEREGISTER_TOPIC', 'metrics-registry.deregister'),
    dlq: topic(env, 'REGISTRY_DLQ_TOPIC', 'metrics-registry.dlq'),
    state: topic(env, 'REGISTRY_STATE_TOPIC', 'metrics_targets_topic'),
  };
  config.statePartitions = integer(env, 'REGISTRY_STATE_PARTITIONS', 1, 1, 10000);
  config.stateReplication = integer(env, 'REGISTRY_STATE_REPLICATION', 1, 1, 100);
  const metricsPort = read(env, 'METRICS_PORT');
  config.metricsPort = metricsPort === undefined ? null : integer(env, 'METRICS_PORT', 0, 0, 65535);
  config.sdBearerToken = secret(env, 'SD_BEARER_TOKEN');
  config.sdBasicAuth = basicAuth(env);
  config.apiToken = secret(env, 'REGISTRY_API_TOKEN');
  config.logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
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
