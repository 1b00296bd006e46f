import { Kafka, KafkaConfig, Partitioners, Producer, logLevel } from 'kafkajs';
import { DeadlineError, withDeadline } from '../resilience/deadline';
import { commandValue } from '../target/command';
import type { Target } from '../target/target';
import { deregisterCommand, registerCommand, renewalIntervalMs } from './commands';

export interface MetricsRegistryClientLogger {
  warn(message: string): void;
}

export interface MetricsRegistryClientOptions {
  /** Bootstrap brokers (`host:port`); or pass `kafka`. */
  brokers?: string[];
  /** A kafkajs client of the application's own, e.g. one set up for SSL or SASL. */
  kafka?: Kafka;
  /** Used only when the client builds its own kafkajs client from `brokers`. */
  clientId?: string;
  /**
   * TLS, with `brokers`: `true`, or Node's TLS options, e.g. `{ ca: readFileSync('ca.crt') }` for a
   * private CA and `cert`/`key` for mutual TLS. Certificates are always verified.
   */
  ssl?: KafkaConfig['ssl'];
  /** SASL, with `brokers`: `{ mechanism: 'scram-sha-512', username, password }`. */
  sasl?: KafkaConfig['sasl'];
  /**
   * The registry's ordered command topic (SPEC §2.1, default `metrics-registry.commands`): one
   * topic for both commands, so those of one applicationUuid are applied in the order sent.
   */
  topic?: string;
  /** How long register and deregister wait for Kafka's acknowledgement; default 10 s. */
  timeoutMs?: number;
  /** Deregister on SIGTERM, SIGINT and beforeExit, then let the process exit as it would have. */
  deregisterOnExit?: boolean;
  /** Where renewal failures are reported; default `console`. */
  logger?: MetricsRegistryClientLogger;
}

export const DEFAULT_COMMAND_TOPIC = 'metrics-registry.commands';
const DEFAULT_TIMEOUT_MS = 10_000;

/** How long a deregistration on exit may hold the process up when Kafka does not answer. */
const EXIT_DEADLINE_MS = 5000;
const EXIT_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

interface ActiveRegistration {
  value: string;
  timer: NodeJS.Timeout | null;
  /** The renewal being sent, so a deregister is never overtaken by it. */
  renewing: Promise<void> | null;
}

/**
 * The application side of the registry (SPEC §3.6): sends register and deregister commands to
 * Kafka, keyed by applicationUuid, and renews leases every third of their ttlSeconds.
 * Each call resolves once Kafka has acknowledged the command (acks=all).
 */
export class MetricsRegistryClient {
  private readonly producer: Producer;
  private readonly topic: string;
  private readonly timeoutMs: number;
  private readonly logger: MetricsRegistryClientLogger;
  private readonly registrations = new Map<string, ActiveRegistration>();
  private connected: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly exitHooks = new Map<string, (...args: unknown[]) => void>();
  /** kafkajs' last error of the client built here, for a deadline's message. */
  private lastKafkaError: string | null = null;

  constructor(options: MetricsRegistryClientOptions) {
    const kafka = options.kafka ?? this.kafkaFor(options);
    this.topic = options.topic ?? DEFAULT_COMMAND_TOPIC;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.logger = options.logger ?? console;
    this.producer = kafka.producer({
      // One request at a time keeps a target's register, renewals and deregister in order.
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = null;
    });
    if (options.deregisterOnExit) this.hookExit();
  }

  /** The applicationUuids registered through this client and not withdrawn yet. */
  get registered(): string[] {
    return [...this.registrations.keys()];
  }

  /**
   * Registers (or replaces) a target. Throws InvalidTargetError ("field: reason") when it breaks
   * a rule, before anything is sent. With ttlSeconds the lease is renewed until deregister/close.
   */
  async register(target: Target): Promise<Target> {
    this.assertOpen();
    const message = registerCommand(target);
    const id = message.applicationUuid;
    const previous = this.stopRenewing(id);
    const active: ActiveRegistration = {
      value: commandValue({ op: 'register', target: message }),
      timer: null,
      renewing: null,
    };
    this.registrations.set(id, active);
    try {
      await previous?.renewing;
      await this.send(id, active.value);
    } catch (error) {
      if (this.registrations.get(id) === active) this.registrations.delete(id);
      throw error;
    }
    if (message.ttlSeconds !== undefined && this.registrations.get(id) === active) {
      active.timer = setInterval(
        () => this.renew(id, active),
        renewalIntervalMs(message.ttlSeconds),
      );
      active.timer.unref();
    }
    return message;
  }

  /** Withdraws one target (registered here or not), or without an argument every target registered here. */
  async deregister(applicationUuid?: string): Promise<void> {
    const ids =
      applicationUuid === undefined
        ? this.registered
        : [deregisterCommand(applicationUuid).applicationUuid];
    for (const id of ids) {
      const active = this.stopRenewing(id);
      this.registrations.delete(id);
      await active?.renewing;
      await this.send(id, commandValue({ op: 'deregister', applicationUuid: id }));
    }
  }

  /**
   * Stops renewing, deregisters every target registered here (unless `deregister: false`, e.g. for
   * a one-shot registration that should outlive the process) and disconnects. Idempotent.
   */
  close(options: { deregister?: boolean } = {}): Promise<void> {
    this.closing ??= this.shutDown(options.deregister ?? true);
    return this.closing;
  }

  private async shutDown(deregister: boolean): Promise<void> {
    this.unhookExit();
    try {
      if (deregister) await this.deregister();
    } finally {
      for (const id of this.registered) this.stopRenewing(id);
      this.registrations.clear();
      await this.producer.disconnect();
    }
  }

  private renew(id: string, active: ActiveRegistration): void {
    if (active.renewing) return;
    active.renewing = this.send(id, active.value)
      .catch((error: Error) => {
        this.logger.warn(
          `metrics-registry: renewing the lease of ${id} failed, retrying in the next interval: ${error.message}`,
        );
      })
      .finally(() => {
        active.renewing = null;
      });
  }

  private stopRenewing(id: string): ActiveRegistration | undefined {
    const active = this.registrations.get(id);
    if (active?.timer) clearInterval(active.timer);
    if (active) active.timer = null;
    return active;
  }

  /** One command, acknowledged by Kafka within the timeout or failed with a DeadlineError. */
  private async send(key: string, value: string): Promise<void> {
    const sent = (async () => {
      this.connected ??= this.producer.connect();
      try {
        await this.connected;
      } catch (error) {
        this.connected = null;
        throw error;
      }
      await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value }] });
    })();
    try {
      await withDeadline(
        sent,
        this.timeoutMs,
        `metrics-registry: Kafka did not acknowledge the command within ${this.timeoutMs} ms`,
      );
      this.lastKafkaError = null;
    } catch (error) {
      // kafkajs retries a refused TLS handshake until the deadline: its last error says why.
      if (!(error instanceof DeadlineError) || this.lastKafkaError === null) throw error;
      throw new DeadlineError(`${error.message} (last error: ${this.lastKafkaError})`);
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('metrics-registry: the client is closed');
  }

  private kafkaFor(options: MetricsRegistryClientOptions): Kafka {
    if (!options.brokers || options.brokers.length === 0) {
      throw new Error('metrics-registry: pass `brokers` or a kafkajs `kafka` client');
    }
    if (typeof options.ssl === 'object' && options.ssl.rejectUnauthorized === false) {
      throw new Error('metrics-registry: `ssl.rejectUnauthorized: false` is refused: pass `ca`');
    }
    return new Kafka({
      clientId: options.clientId ?? 'metrics-registry-client',
      brokers: options.brokers,
      ssl: options.ssl,
      sasl: options.sasl,
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => {
        this.lastKafkaError = entry.log.message;
      },
    });
  }

  private hookExit(): void {
    for (const signal of EXIT_SIGNALS) {
      const onSignal = () => {
        void this.closeWithin(EXIT_DEADLINE_MS).finally(() => {
          // With no other handler, the signal does what it would have done without this client.
          if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
      };
      this.exitHooks.set(signal, onSignal);
      process.once(signal, onSignal);
    }
    const onBeforeExit = () => void this.closeWithin(EXIT_DEADLINE_MS);
    this.exitHooks.set('beforeExit', onBeforeExit);
    process.once('beforeExit', onBeforeExit);
  }

  private unhookExit(): void {
    for (const [event, listener] of this.exitHooks) process.removeListener(event, listener);
    this.exitHooks.clear();
  }

  private async closeWithin(deadlineMs: number): Promise<void> {
    try {
      await withDeadline(this.close(), deadlineMs, `no answer from Kafka within ${deadlineMs} ms`);
    } catch (error) {
      this.logger.warn(
        `metrics-registry: deregistering on exit failed: ${(error as Error).message}`,
      );
    }
  }
}
