import { ArgumentsHost, Catch, Injectable, Logger, RpcExceptionFilter } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { Observable, from } from 'rxjs';
import { RegistryConfig } from '../config/registry.config';
import { escapeForLog } from '../logging/escape-for-log';
import { retryWithBackoff } from '../resilience/backoff';
import { opOf } from '../target/command';
import { InvalidTargetError, parseCommandValue } from '../target/target.validation';
import { CommandCommitter, heartbeatOf } from './command-committer';
import { CommandProcessor } from './command-processor';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicWriter } from './state-topic.writer';

/** Attempts at a command that hit an internal error (a bug, not a bad command) before it is set aside. */
const INTERNAL_ERROR_ATTEMPTS = 3;

/**
 * Without this filter an exception in an @EventPattern handler makes kafkajs re-deliver the
 * message forever. An invalid command goes to the DLQ with its original bytes and the reason,
 * and its offset is committed once the DLQ write is acknowledged. An internal error is retried;
 * one that persists is dead-lettered as an internal error and counted apart, so the consumer
 * never stops on it.
 */
@Catch()
@Injectable()
export class CommandExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Commands');

  constructor(
    private readonly config: RegistryConfig,
    private readonly processor: CommandProcessor,
    private readonly committer: CommandCommitter,
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<void> {
    return from(this.handle(exception, host.switchToRpc().getContext<KafkaContext>()));
  }

  private async handle(exception: unknown, context: KafkaContext): Promise<void> {
    let error = exception;
    if (!(error instanceof InvalidTargetError)) {
      try {
        await this.retry(error, context);
        return;
      } catch (last) {
        error = last;
      }
    }
    const internal = !(error instanceof InvalidTargetError);
    const reason = internal
      ? `internal error after ${INTERNAL_ERROR_ATTEMPTS} attempts (not a fault of the command): ${messageOf(error)}`
      : (error as Error).message;
    await this.committer.track(context, this.deadLetter(context, reason, internal));
  }

  /** Processes the message again from its bytes; throws the last error when it keeps failing. */
  private async retry(first: unknown, context: KafkaContext): Promise<void> {
    this.countInternal(first, context, 1);
    const { value } = context.getMessage();
    await retryWithBackoff(
      () =>
        this.processor.apply(
          context,
          this.processor.decode(context.getTopic(), value as Buffer | null),
        ),
      {
        initialMs: 100,
        maxMs: 1000,
        attempts: INTERNAL_ERROR_ATTEMPTS - 1,
        // An invalid command is not retried: it goes to the DLQ as invalid.
        retryIf: (error) => !(error instanceof InvalidTargetError),
        onRetry: (error, attempt) => this.countInternal(error, context, attempt + 1),
      },
    ).catch((error: unknown) => {
      if (!(error instanceof InvalidTargetError)) {
        this.countInternal(error, context, INTERNAL_ERROR_ATTEMPTS);
      }
      throw error;
    });
  }

  private countInternal(error: unknown, context: KafkaContext, attempt: number): void {
    this.metrics.internalErrors.inc();
    this.logger.error(
      `internal error on ${where(context)} (attempt ${attempt} of ${INTERNAL_ERROR_ATTEMPTS}): ${escapeForLog(messageOf(error))}`,
    );
  }

  private async deadLetter(
    context: KafkaContext,
    reason: string,
    internal: boolean,
  ): Promise<void> {
    const message = context.getMessage();
    const topic = context.getTopic();
    const error = oneLine(reason);
    const command = this.commandOf(topic, message.value as Buffer | null);
    this.logger.warn(`${command} command ${where(context)} rejected: ${escapeForLog(error)}`);
    await this.writer.deadLetter(
      message.key as Buffer | null,
      message.value as Buffer | null,
      {
        'x-error': error,
        'x-source-topic': topic,
        'x-source-partition': String(context.getPartition()),
        'x-source-offset': message.offset,
      },
      { onRetry: heartbeatOf(context) },
    );
    this.metrics.commands.inc({ command, outcome: internal ? 'failed' : 'invalid' });
  }

  /** The command label of a rejected message: by its topic, or by its `op` on the command topic. */
  private commandOf(topic: string, value: Buffer | null): string {
    if (topic === this.config.topics.register) return 'register';
    if (topic === this.config.topics.deregister) return 'deregister';
    const parsed = parseCommandValue(value);
    return (parsed.ok ? opOf(parsed.value) : null) ?? 'unknown';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The x-error header is one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function where(context: KafkaContext): string {
  return `${context.getTopic()}[${context.getPartition()}]@${context.getMessage().offset}`;
}
