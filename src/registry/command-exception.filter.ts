import { ArgumentsHost, Catch, Injectable, Logger, RpcExceptionFilter } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { Observable, from } from 'rxjs';
import { RegistryConfig } from '../config/registry.config';
import { CommandCommitter, heartbeatOf } from './command-committer';
import { InvalidTargetError } from '../target/target.validation';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicWriter } from './state-topic.writer';

/**
 * Without this filter an exception in an @EventPattern handler makes kafkajs re-deliver the
 * message forever. An invalid command goes to the DLQ with its original bytes and the reason,
 * and its offset is committed once the DLQ write is acknowledged.
 */
@Catch()
@Injectable()
export class CommandExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Commands');

  constructor(
    private readonly config: RegistryConfig,
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
    private readonly committer: CommandCommitter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<void> {
    const context = host.switchToRpc().getContext<KafkaContext>();
    return from(this.committer.track(context, this.reject(exception, context)));
  }

  private async reject(exception: unknown, context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const topic = context.getTopic();
    const partition = context.getPartition();
    const reason =
      exception instanceof InvalidTargetError
        ? exception.message
        : `internal error: ${exception instanceof Error ? exception.message : String(exception)}`;
    const error = reason.replace(/[\r\n]+/g, ' ');
    const command = topic === this.config.topics.register ? 'register' : 'deregister';
    this.logger.warn(
      `${command} command ${topic}[${partition}]@${message.offset} rejected: ${error}`,
    );
    await this.writer.deadLetter(
      message.key as Buffer | null,
      message.value as Buffer | null,
      {
        'x-error': error,
        'x-source-topic': topic,
        'x-source-partition': String(partition),
        'x-source-offset': message.offset,
      },
      heartbeatOf(context),
    );
    this.metrics.commands.inc({ command, outcome: 'invalid' });
  }
}
