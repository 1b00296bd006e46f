import type { KafkaContext } from '@nestjs/microservices';
import { Registry } from 'prom-client';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { CommandCommitter } from './command-committer';

function newCommitter(status = new CommandConsumerStatus(new Registry())): CommandCommitter {
  return new CommandCommitter(status);
}

/** A command message's context, with a consumer that records its commits. */
function contextFor(offset: number, commits: string[], partition = 0): KafkaContext {
  const consumer = {
    commitOffsets: async (offsets: { topic: string; partition: number; offset: string }[]) => {
      for (const o of offsets) commits.push(`${o.topic}[${o.partition}]@${o.offset}`);
    },
  };
  return {
    getTopic: () => 'commands',
    getPartition: () => partition,
    getMessage: () => ({ offset: String(offset) }),
    getConsumer: () => consumer,
  } as unknown as KafkaContext;
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CommandCommitter', () => {
  it('commits an offset only once every command up to it is acknowledged', async () => {
    const committer = newCommitter();
    const commits: string[] = [];
    const writes = [deferred(), deferred(), deferred()];
    for (const [i, w] of writes.entries())
      await committer.track(contextFor(10 + i, commits), w.promise);

    writes[1].resolve();
    writes[2].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([]);

    writes[0].resolve();
    await committer.beforeApplicationShutdown();
    expect(commits[commits.length - 1]).toBe('commands[0]@13');
  });

  it('never commits past a command whose write failed', async () => {
    const committer = newCommitter();
    const commits: string[] = [];
    const failed = deferred();
    await committer.track(contextFor(1, commits), Promise.resolve());
    await committer.track(contextFor(2, commits), failed.promise);
    await committer.track(contextFor(3, commits), Promise.resolve());
    failed.reject(new Error('the registry is shutting down'));
    await committer.beforeApplicationShutdown();
    expect(commits).toEqual(['commands[0]@2']);
  });

  it('keeps partitions apart', async () => {
    const committer = newCommitter();
    const commits: string[] = [];
    const stuck = deferred();
    await committer.track(contextFor(5, commits, 0), stuck.promise);
    await committer.track(contextFor(7, commits, 1), Promise.resolve());
    await committer.track(contextFor(8, commits, 1), Promise.resolve());
    stuck.resolve();
    await committer.beforeApplicationShutdown();
    expect(commits).toContain('commands[0]@6');
    expect(
      commits[commits.length - 1] === 'commands[1]@9' || commits.includes('commands[1]@9'),
    ).toBe(true);
    expect(commits.filter((c) => c.startsWith('commands[1]')).pop()).toBe('commands[1]@9');
  });

  it('pauses the command consumer before it drains the writes in flight at shutdown', async () => {
    const status = new CommandConsumerStatus(new Registry());
    const events: string[] = [];
    status.pause = () => events.push('paused');
    const committer = newCommitter(status);
    const commits: string[] = [];
    const write = deferred();
    await committer.track(contextFor(7, commits), write.promise);
    const stopped = committer.beforeApplicationShutdown().then(() => events.push('drained'));
    write.resolve();
    await stopped;
    expect(events).toEqual(['paused', 'drained']);
    expect(commits).toEqual(['commands[0]@8']);
  });
});
