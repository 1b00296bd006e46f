import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import { settledWithin } from '../resilience/deadline';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { OffsetTracker } from './offset-tracker';

/** Commands whose writes may be awaiting Kafka's acknowledgement at once. */
const MAX_IN_FLIGHT = 2000;
const DRAIN_TIMEOUT_MS = 5000;

interface PendingCommit {
  consumer: Consumer;
  offset: bigint;
}

/**
 * Lets the command handlers hand their write over and take the next message at once, so writes
 * are batched, while each offset is committed only after every command up to it has its effect
 * acknowledged by Kafka (in the state topic or the DLQ). A command whose write never completes
 * (the service stopped) is never committed and is processed again by the next owner.
 */
@Injectable()
export class CommandCommitter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CommandCommitter.name);
  private readonly tracker = new OffsetTracker();
  private readonly unsettled = new Set<Promise<void>>();
  private readonly committing = new Map<string, Promise<void>>();
  private readonly latest = new Map<string, PendingCommit>();
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly consumer: CommandConsumerStatus) {}

  /** Tracks the work of the context's message; resolves when there is room for the next one. */
  async track(context: KafkaContext, work: Promise<void>): Promise<void> {
    const topic = context.getTopic();
    const partition = context.getPartition();
    const offset = BigInt(context.getMessage().offset);
    const consumer = context.getConsumer();
    this.tracker.begin(topic, partition, offset);
    const settled = work.then(
      () => {
        const next = this.tracker.finish(topic, partition, offset);
        if (next !== null) this.commit(topic, partition, { consumer, offset: next });
      },
      (error: Error) => {
        this.logger.warn(`${topic}[${partition}]@${offset} left uncommitted: ${error.message}`);
      },
    );
    this.unsettled.add(settled);
    void settled.finally(() => {
      this.unsettled.delete(settled);
      this.waiters.shift()?.();
    });
    while (this.unsettled.size >= MAX_IN_FLIGHT) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Commits are chained per partition, each carrying the latest offset known when it starts. */
  private commit(topic: string, partition: number, commit: PendingCommit): void {
    const key = `${partition}:${topic}`;
    this.latest.set(key, commit);
    if (this.committing.has(key)) return;
    const run = async () => {
      for (let next = this.latest.get(key); next; next = this.latest.get(key)) {
        this.latest.delete(key);
        try {
          await next.consumer.commitOffsets([{ topic, partition, offset: next.offset.toString() }]);
        } catch (error) {
          // A rebalance, say: the commands after the last commit are processed again, harmlessly.
          this.logger.warn(
            `commit of ${topic}[${partition}]@${next.offset} failed: ${(error as Error).message}`,
          );
        }
      }
      this.committing.delete(key);
    };
    this.committing.set(key, run());
  }

  /**
   * A clean stop: no new command is fetched, the writes in flight finish and their offsets are
   * committed, and only then is the consumer closed.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.consumer.pause?.();
    const drained = (async () => {
      while (this.unsettled.size > 0) await Promise.allSettled([...this.unsettled]);
      while (this.committing.size > 0) await Promise.allSettled([...this.committing.values()]);
    })();
    await settledWithin(drained, DRAIN_TIMEOUT_MS);
  }
}

/** Keeps the consumer's group session alive while a write is being retried. */
export function heartbeatOf(context: KafkaContext): () => void {
  return () => {
    context
      .getHeartbeat()()
      .catch(() => undefined);
  };
}
