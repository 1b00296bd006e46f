import { parseArgs, ParseArgsConfig } from 'node:util';
import {
  ConfigError,
  KafkaConnectionConfig,
  RegistryTopics,
  loadRegistryConfig,
} from '../config/registry.config';

/** Bad command line or invalid target: exit status 2, nothing was sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface KafkaRequest {
  connection: KafkaConnectionConfig;
  topics: RegistryTopics;
  timeoutMs: number;
}

export type CliRequest =
  | { command: 'help'; text: string }
  | { command: 'serve' }
  /** The target as given: the registry's rules judge it (loaded only when needed). */
  | { command: 'register'; target: Record<string, unknown>; kafka: KafkaRequest }
  | { command: 'deregister'; applicationUuid: string; kafka: KafkaRequest }
  | {
      command: 'list';
      url: string;
      authorization: string | null;
      json: boolean;
      timeoutMs: number;
    };

type Env = Record<string, string | undefined>;
type Command = 'serve' | 'register' | 'deregister' | 'list';

const BIN = 'metrics-registry';
const DEFAULT_TIMEOUT_SECONDS = 15;
const DEFAULT_URL = 'http://localhost:4000';
const DEFAULT_SD_PATH = '/prometheus/targets';

const KAFKA_OPTIONS_HELP = `  --brokers LIST      Kafka brokers, host:port[,host:port...]
                      (default: $KAFKA_BROKERS, else localhost:9092)
  --timeout SECONDS   fail when Kafka has not acknowledged within this (default ${DEFAULT_TIMEOUT_SECONDS})
  -h, --help          show this help

Environment: KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_SSL, KAFKA_SASL_MECHANISM,
KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, REGISTRY_REGISTER_TOPIC, REGISTRY_DEREGISTER_TOPIC
(the registry's own variables, same defaults).`;

export const HELP: Record<Command | 'main', string> = {
  main: `Usage: ${BIN} <command> [options]

Prometheus HTTP service discovery backed by Kafka.

Commands:
  serve        start the registry (configured by environment variables)
  register     register a target (sends a register command to Kafka)
  deregister   withdraw a target (sends a deregister command to Kafka)
  list         print the targets a registry serves

Run "${BIN} <command> --help" for the options of a command.
`,
  serve: `Usage: ${BIN} serve

Starts the registry: HTTP service discovery on $PORT (default 4000), commands from Kafka.
Configured by environment variables only: PORT, PROMETHEUS_SD_ENDPOINT, KAFKA_BROKERS,
KAFKA_CLIENT_ID, KAFKA_GROUP_ID, KAFKA_SSL, KAFKA_SASL_*, REGISTRY_REGISTER_TOPIC,
REGISTRY_DEREGISTER_TOPIC, REGISTRY_DLQ_TOPIC, REGISTRY_STATE_TOPIC, REGISTRY_STATE_PARTITIONS,
REGISTRY_STATE_REPLICATION, METRICS_PORT, SD_BEARER_TOKEN, SD_BASIC_AUTH, REGISTRY_API_TOKEN,
LOG_LEVEL. Stops cleanly on SIGTERM or SIGINT.
`,
  register: `Usage: ${BIN} register --uuid ID --host HOST --port PORT [options]

Sends a register command and waits until Kafka has acknowledged it. The target is checked
with the registry's own rules first; a broken rule is reported as "field: reason".

Options:
  --uuid ID           applicationUuid (required)
  --host HOST         host name, IPv4 or IPv6 address of the metrics endpoint (required)
  --port PORT         port, 1-65535 (required)
  --path PATH         metrics path (default /metrics)
  --scheme SCHEME     http (default) or https
  --label NAME=VALUE  a target label; repeat for more
  --ttl SECONDS       a lease of 5-86400 s: the target expires unless registered again
                      within it (run this command again every third of it)
${KAFKA_OPTIONS_HELP}

Exit status: 0 registered, 2 bad usage or invalid target, 1 Kafka failure.
`,
  deregister: `Usage: ${BIN} deregister --uuid ID [options]

Sends a deregister command and waits until Kafka has acknowledged it. Withdrawing an
unknown applicationUuid is not an error.

Options:
  --uuid ID           applicationUuid (required)
${KAFKA_OPTIONS_HELP}

Exit status: 0 sent, 2 bad usage or invalid applicationUuid, 1 Kafka failure.
`,
  list: `Usage: ${BIN} list [options]

Prints the targets a registry serves, read from its HTTP service discovery endpoint.

Options:
  --url URL           the registry (default ${DEFAULT_URL}); a URL with a path is used as the
                      SD endpoint itself, e.g. http://registry:4000/prometheus/targets?shard=0&shards=2;
                      user:password@ in the URL is sent as basic auth
  --token TOKEN       bearer token for the SD endpoint (SD_BEARER_TOKEN of the registry)
  --json              print the SD JSON instead of a table
  --timeout SECONDS   fail when the registry has not answered within this (default ${DEFAULT_TIMEOUT_SECONDS})
  -h, --help          show this help

Exit status: 0 listed, 2 bad usage, 1 registry unreachable or not ready.
`,
};

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
const KAFKA_OPTIONS = {
  brokers: { type: 'string' },
  timeout: { type: 'string' },
  ...HELP_OPTION,
} as const;

const OPTIONS = {
  serve: HELP_OPTION,
  register: {
    uuid: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    path: { type: 'string' },
    scheme: { type: 'string' },
    label: { type: 'string', multiple: true },
    ttl: { type: 'string' },
    ...KAFKA_OPTIONS,
  },
  deregister: { uuid: { type: 'string' }, ...KAFKA_OPTIONS },
  list: {
    url: { type: 'string' },
    token: { type: 'string' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    ...HELP_OPTION,
  },
} satisfies Record<Command, ParseArgsConfig['options']>;

/** Variables the Kafka commands read: the rest of the registry's configuration is not theirs. */
const KAFKA_ENV = [
  'KAFKA_BROKERS',
  'KAFKA_BROKER',
  'KAFKA_CLIENT_ID',
  'KAFKA_SSL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'REGISTRY_REGISTER_TOPIC',
  'REGISTRY_DEREGISTER_TOPIC',
];

function isCommand(name: string): name is Command {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

/** Turns the command line into what to do; throws UsageError naming the problem. */
export function parseCli(argv: string[], env: Env): CliRequest {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`a command is required\n${HELP.main}`);
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    return { command: 'help', text: topic && isCommand(topic) ? HELP[topic] : HELP.main };
  }
  if (!isCommand(name)) {
    throw new UsageError(
      `unknown command "${name}" (commands: serve, register, deregister, list; see ${BIN} --help)`,
    );
  }
  const values = parseOptions(name, rest);
  if (values.help) return { command: 'help', text: HELP[name] };
  switch (name) {
    case 'serve':
      return { command: 'serve' };
    case 'register':
      return {
        command: 'register',
        target: targetFrom(values),
        kafka: kafkaRequest(values, env),
      };
    case 'deregister':
      return {
        command: 'deregister',
        applicationUuid: required(values, 'uuid'),
        kafka: kafkaRequest(values, env),
      };
    case 'list': {
      const { url, authorization } = sdUrl(
        typeof values.url === 'string' ? values.url : DEFAULT_URL,
      );
      return {
        command: 'list',
        url,
        authorization: typeof values.token === 'string' ? `Bearer ${values.token}` : authorization,
        json: values.json === true,
        timeoutMs: timeoutMs(values.timeout),
      };
    }
  }
}

type Values = Record<string, string | boolean | string[] | undefined>;

function parseOptions(command: Command, args: string[]): Values {
  try {
    return parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: false })
      .values as Values;
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    const missing = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
    const reason = unknown
      ? `unknown option ${unknown[1]}`
      : missing
        ? `${missing[1]} needs a value`
        : message.split('. ')[0];
    throw new UsageError(`${reason} (see ${BIN} ${command} --help)`);
  }
}

function required(values: Values, option: string): string {
  const value = values[option];
  if (typeof value !== 'string') throw new UsageError(`--${option} is required`);
  return value;
}

/** A string of digits becomes a number, so the rules judge the value and not its spelling. */
function numeric(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function targetFrom(values: Values): Record<string, unknown> {
  const target: Record<string, unknown> = {
    applicationUuid: required(values, 'uuid'),
    host: required(values, 'host'),
    port: numeric(required(values, 'port')),
  };
  if (typeof values.path === 'string') target.path = values.path;
  if (typeof values.scheme === 'string') target.scheme = values.scheme;
  if (Array.isArray(values.label)) target.labels = labels(values.label);
  if (typeof values.ttl === 'string') target.ttlSeconds = numeric(values.ttl);
  return target;
}

function labels(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--label must be NAME=VALUE, got "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function timeoutMs(raw: string | boolean | string[] | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  if (typeof raw !== 'string' || !/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) {
    throw new UsageError(`--timeout must be a number of seconds above 0, got "${String(raw)}"`);
  }
  return Math.round(Number(raw) * 1000);
}

function kafkaRequest(values: Values, env: Env): KafkaRequest {
  const kafkaEnv: Env = Object.fromEntries(KAFKA_ENV.map((name) => [name, env[name]]));
  if (typeof values.brokers === 'string') kafkaEnv.KAFKA_BROKERS = values.brokers;
  try {
    const config = loadRegistryConfig(kafkaEnv);
    return {
      connection: config.kafka,
      topics: config.topics,
      timeoutMs: timeoutMs(values.timeout),
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const fromFlag = typeof values.brokers === 'string' && error.variable === 'KAFKA_BROKERS';
    throw new UsageError(
      fromFlag
        ? error.message.replace(/^invalid configuration: KAFKA_BROKERS/, '--brokers')
        : error.message,
    );
  }
}

function sdUrl(raw: string): { url: string; authorization: string | null } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be an http or https URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http or https URL, got "${raw}"`);
  }
  let authorization: string | null = null;
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  if (url.pathname === '/') url.pathname = DEFAULT_SD_PATH;
  return { url: url.toString(), authorization };
}
