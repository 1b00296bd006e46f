/**
 * Every environment variable of SPEC §4, once: the configuration loader parses with it, and the
 * CLI help, the README table and the chart test list from it.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import type { LogLevel, SaslMechanism } from './registry.config';
import {
  DEFAULT_DENIED_HOSTS,
  bindAddress,
  deniedHostPatterns,
  hostPatterns,
  portRanges,
} from './target-policy';

export type Env = Record<string, string | undefined>;

/** The commands that read a variable: `serve` is the registry, the others the CLI's Kafka commands. */
export type Reader = 'serve' | 'register' | 'deregister';

export interface EnvironmentVariable<T = unknown> {
  readonly name: string;
  /** Another name for the same setting, read when `name` is unset. */
  readonly alias?: string;
  /** What unset means, written as a value; without one, unset turns the setting off (null). */
  readonly default?: string;
  /** One line for the CLI help and the README. */
  readonly help: string;
  /** A credential: the chart keeps it in a Secret, and no error message repeats it. */
  readonly secret: boolean;
  /** Taken exactly as given, and only "" is unset; other values are trimmed, and blank is unset. */
  readonly verbatim?: boolean;
  readonly readBy: readonly Reader[];
  /** The typed value; throws ConfigError naming `name`, which is the alias when that was read. */
  readonly parse: (value: string, name: string) => T;
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];
const SASL_MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const BROKER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/;

function integer(min: number, max: number) {
  return (value: string, name: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
  };
}

function share(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 1) {
    throw new ConfigError(name, `must be a number above 0 and at most 1, got "${value}"`);
  }
  return n;
}

function fraction(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 1) {
    throw new ConfigError(name, `must be a number from 0 to 1, got "${value}"`);
  }
  return n;
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (value: string, name: string): T => {
    const lower = value.toLowerCase() as T;
    if (!allowed.includes(lower)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
    }
    return lower;
  };
}

const text = (value: string): string => value;

function urlPath(value: string, name: string): string {
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(value)) {
    throw new ConfigError(name, `must be a URL path starting with "/", got "${value}"`);
  }
  return value;
}

function brokers(value: string, name: string): string[] {
  const list = value.split(',').map((b) => b.trim());
  for (const broker of list) {
    if (!BROKER.test(broker)) {
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${broker}"`);
    }
  }
  return list;
}

function flag(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}

function saslMechanism(value: string, name: string): SaslMechanism | null {
  return /^(off|none)$/i.test(value) ? null : oneOf(SASL_MECHANISMS)(value, name);
}

/** A file named by a variable, read at startup so that a wrong path stops it there. */
export interface PemFile {
  readonly file: string;
  readonly pem: string;
}

function pemFile(value: string, name: string): PemFile {
  try {
    return { file: value, pem: readFileSync(value, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(name, `cannot read "${value}" (${reason})`);
  }
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function certificatesFile(value: string, name: string): PemFile {
  const file = pemFile(value, name);
  const blocks = file.pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new ConfigError(
      name,
      `"${value}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new ConfigError(name, `"${value}" holds a certificate that cannot be parsed`);
    }
  }
  return file;
}

function privateKeyFile(value: string, name: string): PemFile {
  const file = pemFile(value, name);
  try {
    createPrivateKey(file.pem);
  } catch {
    // The parser's own message is not repeated: it may quote the key.
    throw new ConfigError(name, `"${value}" holds no unencrypted PEM private key`);
  }
  return file;
}

function topic(value: string, name: string): string {
  if (!TOPIC_NAME.test(value) || value === '.' || value === '..') {
    throw new ConfigError(
      name,
      `must be a Kafka topic name ([A-Za-z0-9._-], 1-249 chars), got "${value}"`,
    );
  }
  return value;
}

function token(value: string, name: string): string {
  // A Secret made from a file often ends in a newline; such a credential could never match.
  if (value !== value.trim()) throw new ConfigError(name, 'must not start or end with whitespace');
  return value;
}

function basicAuth(value: string, name: string): { username: string; password: string } {
  const colon = token(value, name).indexOf(':');
  if (colon < 1) throw new ConfigError(name, 'must be "user:password"');
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

type Spec = Omit<EnvironmentVariable, 'name'>;
type Named<S extends Record<string, Spec>> = {
  readonly [K in keyof S & string]: S[K] & { readonly name: K };
};

/** Names each variable after its key, so that a name is written once. */
function table<S extends Record<string, Spec>>(specs: S): Named<S> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { ...spec, name }]),
  ) as Named<S>;
}

const SERVE: readonly Reader[] = ['serve'];
const SERVE_AND_KAFKA_COMMANDS: readonly Reader[] = ['serve', 'register', 'deregister'];

/** In the order the docs list them. */
export const ENVIRONMENT = table({
  PORT: {
    default: '4000',
    parse: integer(0, 65535),
    help: 'HTTP port: service discovery, health, REST API and /metrics',
    secret: false,
    readBy: SERVE,
  },
  PROMETHEUS_SD_ENDPOINT: {
    default: '/prometheus/targets',
    parse: urlPath,
    help: 'path of the Prometheus HTTP service discovery endpoint',
    secret: false,
    readBy: SERVE,
  },
  KAFKA_BROKERS: {
    alias: 'KAFKA_BROKER',
    default: 'localhost:9092',
    parse: brokers,
    help: 'Kafka brokers, host:port[,host:port...]',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_CLIENT_ID: {
    default: 'metrics-registry',
    parse: text,
    help: 'client id the Kafka brokers see',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_GROUP_ID: {
    default: 'metrics-registry',
    parse: text,
    help: 'consumer group of the command topics, shared by all replicas',
    secret: false,
    readBy: SERVE,
  },
  KAFKA_SSL: {
    default: 'off',
    parse: flag,
    help: 'connect to Kafka over TLS: true or false',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SASL_MECHANISM: {
    default: 'off',
    parse: saslMechanism,
    help: `SASL authentication: ${SASL_MECHANISMS.join(', ')} or off`,
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SASL_USERNAME: {
    parse: text,
    help: 'SASL user name, required with a mechanism',
    secret: true,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SASL_PASSWORD: {
    parse: text,
    help: 'SASL password, required with a mechanism',
    secret: true,
    verbatim: true,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SSL_CA_FILE: {
    parse: certificatesFile,
    help: "PEM file of the CA certificates to trust for the brokers' certificates (with KAFKA_SSL); unset: the system's CAs",
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SSL_CERT_FILE: {
    parse: certificatesFile,
    help: 'PEM file of the client certificate (chain) for mutual TLS, with KAFKA_SSL_KEY_FILE',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  KAFKA_SSL_KEY_FILE: {
    parse: privateKeyFile,
    help: 'PEM file of the unencrypted private key of KAFKA_SSL_CERT_FILE',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  REGISTRY_COMMAND_TOPIC: {
    default: 'metrics-registry.commands',
    parse: topic,
    help: 'topic of the register and deregister commands, in order per applicationUuid',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  REGISTRY_REGISTER_TOPIC: {
    default: 'metrics-registry.register',
    parse: topic,
    help: 'topic of register commands (no order with the deregister topic)',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  REGISTRY_DEREGISTER_TOPIC: {
    default: 'metrics-registry.deregister',
    parse: topic,
    help: 'topic of deregister commands (no order with the register topic)',
    secret: false,
    readBy: SERVE_AND_KAFKA_COMMANDS,
  },
  REGISTRY_DLQ_TOPIC: {
    default: 'metrics-registry.dlq',
    parse: topic,
    help: 'dead letter topic of the rejected commands',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_STATE_TOPIC: {
    default: 'metrics_targets_topic',
    parse: topic,
    help: 'compacted topic of the registered targets: the source of truth',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_STATE_PARTITIONS: {
    default: '1',
    parse: integer(1, 10000),
    help: 'partitions of the state topic when the registry creates it',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_STATE_REPLICATION: {
    default: '1',
    parse: integer(1, 100),
    help: 'replication factor of the state topic when the registry creates it',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_LEASE_SLACK: {
    default: '0.5',
    parse: fraction,
    help: 'a lease is granted for ttlSeconds × (1 + this); renewals it already covers are not written again (0: write every renewal)',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_EXPIRY_BRAKE_SHARE: {
    default: '0.5',
    parse: share,
    help: 'the shrink brake holds expiry when more than this share of the leases stopped being renewed (1: off)',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_EXPIRY_BRAKE_MIN_TARGETS: {
    default: '10',
    parse: integer(1, 100_000_000),
    help: 'the shrink brake never engages with fewer registrations than this',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS: {
    default: '600',
    parse: integer(1, 604_800),
    help: 'longest time the shrink brake holds leases before they run out after all',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_API_WRITE_TIMEOUT_SECONDS: {
    default: '10',
    parse: integer(1, 3600),
    help: 'how long a REST write waits for Kafka before answering 503 with Retry-After',
    secret: false,
    readBy: SERVE,
  },
  METRICS_PORT: {
    parse: integer(0, 65535),
    help: 'port of a listener of its own for /metrics; unset: /metrics on PORT',
    secret: false,
    readBy: SERVE,
  },
  SD_BEARER_TOKEN: {
    parse: token,
    help: 'bearer token Prometheus must send to the SD endpoint',
    secret: true,
    verbatim: true,
    readBy: SERVE,
  },
  SD_BASIC_AUTH: {
    parse: basicAuth,
    help: '"user:password" Prometheus must send to the SD endpoint (basic auth)',
    secret: true,
    verbatim: true,
    readBy: SERVE,
  },
  REGISTRY_API_TOKEN: {
    parse: token,
    help: 'bearer token of the REST API; unset: no REST API',
    secret: true,
    verbatim: true,
    readBy: SERVE,
  },
  LOG_LEVEL: {
    default: 'info',
    parse: oneOf(LOG_LEVELS),
    help: `log level: ${LOG_LEVELS.join(', ')}`,
    secret: false,
    readBy: SERVE,
  },
  HOST: {
    default: '0.0.0.0',
    parse: bindAddress,
    help: 'address the HTTP server and the METRICS_PORT listener bind to (:: for every IPv6 and IPv4 address)',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_ALLOWED_HOSTS: {
    parse: hostPatterns,
    help: 'hosts a target may name: names, *.suffix wildcards, IP addresses, CIDR networks; unset: any',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_ALLOWED_PORTS: {
    parse: portRanges,
    help: 'ports a target may name: ports and ranges, e.g. 9100-9199,8080; unset: any',
    secret: false,
    readBy: SERVE,
  },
  REGISTRY_DENIED_HOSTS: {
    default: DEFAULT_DENIED_HOSTS,
    parse: deniedHostPatterns,
    help: 'hosts a target may not name, over the allowed ones (same syntax); the default entries stay unless the list starts with none',
    secret: false,
    readBy: SERVE,
  },
});

type ValueOf<V> = V extends { parse: (value: string, name: string) => infer T }
  ? V extends { default: string }
    ? T
    : T | null
  : never;

/** Each variable's typed value: its default, or null when it has none, where it is unset. */
export type EnvironmentValues = {
  readonly [K in keyof typeof ENVIRONMENT]: ValueOf<(typeof ENVIRONMENT)[K]>;
};

/** The table as a list, in the order the docs show it. */
export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = Object.values(ENVIRONMENT);

export function variablesReadBy(reader: Reader): EnvironmentVariable[] {
  return ENVIRONMENT_VARIABLES.filter((v) => v.readBy.includes(reader));
}

/** Only what a command reads of the environment, so that the other variables cannot stop it. */
export function environmentReadBy(reader: Reader, env: Env): Env {
  return Object.fromEntries(
    variablesReadBy(reader)
      .flatMap((v) => (v.alias === undefined ? [v.name] : [v.name, v.alias]))
      .map((name) => [name, env[name]]),
  );
}

function valueIn(env: Env, name: string, variable: EnvironmentVariable): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (variable.verbatim) return value === '' ? undefined : value;
  return value.trim() === '' ? undefined : value.trim();
}

function read(env: Env, variable: EnvironmentVariable): unknown {
  const name =
    variable.alias !== undefined && valueIn(env, variable.name, variable) === undefined
      ? variable.alias
      : variable.name;
  const value = valueIn(env, name, variable) ?? variable.default;
  return value === undefined ? null : variable.parse(value, name);
}

/** Parses every variable in table order; throws ConfigError naming the first bad one. */
export function readEnvironment(env: Env): EnvironmentValues {
  return Object.fromEntries(
    ENVIRONMENT_VARIABLES.map((v) => [v.name, read(env, v)]),
  ) as EnvironmentValues;
}
