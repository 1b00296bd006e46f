import { Message } from 'kafkajs';
import {
  TestProducer,
  deregisterCommand as deregister,
  registerCommand as register,
  createTopics,
  uniqueTopics,
} from './support/kafka';
import { RegistryProcess } from './support/registry-process';
import { getTargets, servedIds } from './support/registry-app';
import { waitFor } from './support/wait';

describe('the ordered command topic', () => {
  const processes: RegistryProcess[] = [];
  const producer = new TestProducer();

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await producer.close();
  });

  it("applies each application's commands in the order sent, on two replicas over 4 partitions", async () => {
    const topics = uniqueTopics();
    await createTopics([topics.commands], 4);
    for (let i = 0; i < 2; i++) {
      processes.push(await RegistryProcess.start({ topics, groupId: `${topics.state}.commands` }));
    }
    await Promise.all(processes.map((p) => p.waitReady()));

    // Back to back, in one burst: 1,000 apps that end deregistered, 1,000 that end registered.
    const gone: string[] = [];
    const kept: string[] = [];
    const messages: Message[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = `gone-${String(i).padStart(4, '0')}`;
      gone.push(id);
      messages.push(register(id), deregister(id));
    }
    for (let i = 0; i < 1000; i++) {
      const id = `kept-${String(i).padStart(4, '0')}`;
      kept.push(id);
      messages.push(deregister(id), register(id));
    }
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send(topics.commands, messages.slice(i, i + 500));
    }

    const expected = [...kept].sort();
    for (const p of processes) {
      await waitFor(
        `${p.url} to serve exactly the 1,000 kept apps`,
        async () =>
          JSON.stringify(await servedIds(p.url).catch(() => null)) === JSON.stringify(expected),
        { timeoutMs: 90_000 },
      );
    }
    const bodies = await Promise.all(processes.map(async (p) => (await getTargets(p.url)).text));
    expect(bodies[0]).toBe(bodies[1]);
    expect(await servedIds(processes[0].url)).toEqual(expected);
  });
});
