#!/usr/bin/env node
import type { MetricsRegistryClient } from '../client/metrics-registry.client';
import { DeadlineError, withDeadline } from '../resilience/deadline';
import { DEFAULT_PATH, DEFAULT_SCHEME } from '../target/registration';
import { targetAddress } from '../target/sd-target-group';
import { CliRequest, KafkaRequest, UsageError, parseCli } from './cli-args';
import { formatExplanation, isExplainAnswer } from './explain-text';
import { formatTargetTable, isSdBody } from './target-table';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const COMMANDS = ['serve', 'register', 'deregister', 'list', 'explain'];

/** A failure that is not the user's input: Kafka or the registry unreachable, not ready, … */
class RuntimeFailure extends Error {}

/**
 * `metrics-registry` (SPEC §3.6): runs one command and resolves to the exit status, or to null
 * for `serve`, which keeps the process running until a signal.
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  let request: CliRequest;
  try {
    request = parseCli(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    report(COMMANDS.includes(argv[0]) ? argv[0] : undefined, error.message);
    return EXIT_USAGE;
  }
  try {
    switch (request.command) {
      case 'help':
        process.stdout.write(request.text);
        return EXIT_OK;
      case 'serve': {
        // Loaded here: the other commands should not pay for the whole service.
        const { serve } = await import('../main');
        try {
          await serve(env);
        } catch (error) {
          throw new RuntimeFailure(`startup failed: ${(error as Error).message}`);
        }
        return null;
      }
      case 'register': {
        const message = await validated('register', (rules) =>
          rules.registerCommand(request.target),
        );
        if (message === null) return EXIT_USAGE;
        await withKafka(request.kafka, 'register', (client) => client.register(message));
        const lease = message.ttlSeconds === undefined ? '' : `, lease ${message.ttlSeconds} s`;
        process.stdout.write(
          `registered ${message.applicationUuid}: ${message.scheme ?? DEFAULT_SCHEME}://${targetAddress(message.host, message.port)}${message.path ?? DEFAULT_PATH}${lease}\n`,
        );
        return EXIT_OK;
      }
      case 'deregister': {
        const checked = await validated('deregister', (rules) =>
          rules.deregisterCommand(request.applicationUuid),
        );
        if (checked === null) return EXIT_USAGE;
        const { applicationUuid } = checked;
        await withKafka(request.kafka, 'deregister', (client) =>
          client.deregister(applicationUuid),
        );
        process.stdout.write(`deregistered ${applicationUuid}\n`);
        return EXIT_OK;
      }
      case 'list':
        process.stdout.write(await list(request));
        return EXIT_OK;
      case 'explain':
        process.stdout.write(await explain(request));
        return EXIT_OK;
    }
  } catch (error) {
    if (!(error instanceof RuntimeFailure)) throw error;
    report(request.command, error.message);
    return EXIT_FAILURE;
  }
}

/**
 * Checks with the registry's own rules (loaded only for the commands that send something);
 * a broken rule is reported as the registry's "field: reason" and gives null.
 */
async function validated<T>(
  command: string,
  check: (rules: typeof import('../client/commands')) => T,
): Promise<T | null> {
  const rules = await import('../client/commands');
  const { InvalidTargetError } = await import('../target/target.validation');
  try {
    return check(rules);
  } catch (error) {
    if (!(error instanceof InvalidTargetError)) throw error;
    report(command, error.message);
    return null;
  }
}

function report(command: string | undefined, message: string): void {
  const where = command === undefined ? 'metrics-registry' : `metrics-registry ${command}`;
  process.stderr.write(`${where}: ${message}\n`);
}

/** Sends one command and disconnects, within the deadline; kafkajs' own logs are kept quiet. */
async function withKafka(
  request: KafkaRequest,
  what: string,
  send: (client: MetricsRegistryClient) => Promise<unknown>,
): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const { MetricsRegistryClient } = await import('../client/metrics-registry.client');
  const { kafkaClientConfig } = await import('../kafka/kafka-client.options');
  const { KafkaAccessError, checkKafkaAccess, describeAccessFailure } =
    await import('../kafka/kafka-access');
  let lastKafkaError = '';
  const kafka = new Kafka({
    ...kafkaClientConfig(request.connection, 'cli'),
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => {
      lastKafkaError = entry.log.message;
    },
  });
  const client = new MetricsRegistryClient({
    kafka,
    topic: request.topics.commands,
    timeoutMs: request.timeoutMs,
  });
  const brokers = request.connection.brokers.join(',');
  const work = (async () => {
    await checkKafkaAccess(request.connection, 'cli');
    await send(client);
    // A one-shot command: the registration must outlive this process.
    await client.close({ deregister: false });
  })();
  try {
    await withDeadline(work, request.timeoutMs, 'no acknowledgement');
  } catch (error) {
    if (error instanceof DeadlineError) {
      const cause = lastKafkaError === '' ? '' : ` (last error: ${lastKafkaError})`;
      throw new RuntimeFailure(
        `Kafka at ${brokers} did not acknowledge the ${what} command within ${request.timeoutMs / 1000} s${cause}`,
      );
    }
    const reason =
      error instanceof KafkaAccessError
        ? error.message
        : (describeAccessFailure(error, request.connection) ?? (error as Error).message);
    throw new RuntimeFailure(`Kafka at ${brokers}: ${reason}`);
  }
}

/**
 * GETs a registry URL the CLI reads (SPEC §3.7) and returns its JSON body (undefined if it is not
 * JSON); an unreachable registry, a timeout or an answer other than 200 is a RuntimeFailure.
 */
async function getJson(
  url: string,
  authorization: string | null,
  timeoutMs: number,
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.message ?? (error as Error).message);
    throw new RuntimeFailure(`cannot read ${url}: ${reason}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status !== 200) {
    const detail =
      typeof body === 'object' && body !== null && 'error' in body ? `: ${String(body.error)}` : '';
    throw new RuntimeFailure(`${url} answered ${response.status}${detail}`);
  }
  return body;
}

async function list(request: Extract<CliRequest, { command: 'list' }>): Promise<string> {
  const body = await getJson(request.url, request.authorization, request.timeoutMs);
  if (!isSdBody(body)) {
    throw new RuntimeFailure(`${request.url} did not answer a service discovery list`);
  }
  return request.json ? `${JSON.stringify(body, null, 2)}\n` : formatTargetTable(body);
}

async function explain(request: Extract<CliRequest, { command: 'explain' }>): Promise<string> {
  const body = await getJson(request.url, request.authorization, request.timeoutMs);
  if (!isExplainAnswer(body)) {
    throw new RuntimeFailure(`${request.url} did not answer an explanation`);
  }
  return request.json ? `${JSON.stringify(body, null, 2)}\n` : formatExplanation(body);
}

if (require.main === module) {
  run(process.argv.slice(2), process.env).then(
    (code) => {
      // kafkajs may still hold sockets or retry timers after a timeout: the answer is final.
      if (code !== null) process.exit(code);
    },
    (error: Error) => {
      process.stderr.write(`metrics-registry: unexpected error: ${error.stack ?? error.message}\n`);
      process.exit(EXIT_FAILURE);
    },
  );
}
