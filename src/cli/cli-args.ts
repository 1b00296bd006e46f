import { parseArgs, ParseArgsConfig } from 'node:util';
import { ENVIRONMENT, Env, Reader, environmentReadBy } from '../config/environment';
import {
  ConfigError,
  KafkaConnectionConfig,
  RegistryTopics,
  loadRegistryConfig,
} from '../config/registry.config';
import { explainPath } from '../target/target-paths';
import { BIN, Command, DEFAULT_TIMEOUT_SECONDS, DEFAULT_URL, HELP } from './cli-help';

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
    }
  | {
      command: 'explain';
      applicationUuid: string;
      /** The explain endpoint of the registry for this id (and shard, if asked). */
      url: string;
      authorization: string | null;
      json: boolean;
      timeoutMs: number;
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
  explain: {
    url: { type: 'string' },
    token: { type: 'string' },
    json: { type: 'boolean' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    timeout: { type: 'string' },
    ...HELP_OPTION,
  },
} satisfies Record<Command, ParseArgsConfig['options']>;

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
      `unknown command "${name}" (commands: serve, register, deregister, list, explain; see ${BIN} --help)`,
    );
  }
  const { values, positionals } = parseOptions(name, rest);
  if (values.help) return { command: 'help', text: HELP[name] };
  switch (name) {
    case 'serve':
      return { command: 'serve' };
    case 'register':
      return {
        command: 'register',
        target: targetFrom(values),
        kafka: kafkaRequest('register', values, env),
      };
    case 'deregister':
      return {
        command: 'deregister',
        applicationUuid: required(values, 'uuid'),
        kafka: kafkaRequest('deregister', values, env),
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
    case 'explain': {
      if (positionals.length !== 1) {
        throw new UsageError(`explain takes one applicationUuid (see ${BIN} explain --help)`);
      }
      const [applicationUuid] = positionals;
      const { origin, authorization } = registryUrl(
        typeof values.url === 'string' ? values.url : DEFAULT_URL,
      );
      const url = new URL(explainPath(applicationUuid), origin);
      if (values.shard !== undefined || values.shards !== undefined) {
        url.searchParams.set('shard', String(values.shard ?? ''));
        url.searchParams.set('shards', String(values.shards ?? ''));
      }
      return {
        command: 'explain',
        applicationUuid,
        url: url.toString(),
        authorization: typeof values.token === 'string' ? `Bearer ${values.token}` : authorization,
        json: values.json === true,
        timeoutMs: timeoutMs(values.timeout),
      };
    }
  }
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** parseArgs in its lenient mode, which reports every token, so that the messages are our own. */
function parseOptions(command: Command, args: string[]): { values: Values; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = OPTIONS[command];
  const { values, tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const problem = (reason: string) => new UsageError(`${reason} (see ${BIN} ${command} --help)`);
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // explain names its target as an argument; no other command takes one.
      if (command !== 'explain') throw problem(`Unexpected argument '${token.value}'`);
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = `--${token.name}`;
    const type = options[token.name]?.type;
    if (type === undefined) throw problem(`unknown option ${token.rawName}`);
    if (type === 'boolean' && token.value !== undefined) {
      throw problem(`${option} does not take a value`);
    }
    if (type === 'string' && token.value === undefined) throw problem(`${option} needs a value`);
    // "--port --lable" would take "--lable" as the port: more likely a forgotten value.
    if (type === 'string' && !token.inlineValue && /^-./.test(token.value ?? '')) {
      const value = token.value;
      throw problem(
        `${option} needs a value, or write ${option}=${value} if "${value}" is its value`,
      );
    }
  }
  return { values, positionals };
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

function kafkaRequest(command: Reader, values: Values, env: Env): KafkaRequest {
  const kafkaEnv = environmentReadBy(command, env);
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

/** The registry's origin from --url (its path ignored), and user:password@ as basic auth. */
function registryUrl(raw: string): { origin: string; authorization: string | null } {
  const { url, authorization } = sdUrl(raw);
  return { origin: new URL(url).origin, authorization };
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
  if (url.pathname === '/') url.pathname = ENVIRONMENT.PROMETHEUS_SD_ENDPOINT.default;
  return { url: url.toString(), authorization };
}
