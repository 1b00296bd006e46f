import { Message } from 'kafkajs';
import { createTopics, uniqueTopics } from './support/kafka';
import { RegistryProcess } from './support/registry-process';
import { getTargets, useRegistryProcesses } from './support/registry-app';
import { waitFor } from './support/wait';

function register(applicationUuid: string, port: number): Message {
  return {
    key: applicationUuid,
    value: JSON.stringify({
      applicationUuid,
      host: `${applicationUuid}.svc`,
      port,
      labels: { zone: 'a' },
    }),
  };
}

async function sdCount(url: string): Promise<number | undefined> {
  const { status, body } = await getTargets(url);
  return status === 200 ? (body as unknown[]).length : undefined;
}

describe('Registry replicas', () => {
  const fixture = useRegistryProcesses();

  async function replica(topics: ReturnType<typeof uniqueTopics>, env: NodeJS.ProcessEnv = {}) {
    const p = await RegistryProcess.start({ topics, groupId: `${topics.state}.commands`, env });
    fixture.processes.push(p);
    return p;
  }

  it('two replicas sharing the command group serve byte-identical bodies after 1,000 commands', async () => {
    const topics = uniqueTopics();
    await createTopics([topics.register, topics.deregister], 4);
    const [a, b] = [await replica(topics), await replica(topics)];
    await Promise.all([a.waitReady(), b.waitReady()]);

    const commands: Message[] = [];
    for (let i = 0; i < 900; i++)
      commands.push(register(`app-${String(i).padStart(4, '0')}`, 9000 + (i % 100)));
    // Re-registrations (last write wins) and deregistrations in the same burst.
    for (let i = 0; i < 50; i++)
      commands.push(register(`app-${String(i).padStart(4, '0')}`, 7000 + i));
    await fixture.producer.send(topics.register, commands);
    // Register and deregister are separate topics, so their relative order is only kept per
    // application over time: deregister once the registrations are in.
    const allServe = (n: number) => async () =>
      (await sdCount(a.url)) === n && (await sdCount(b.url)) === n;
    await waitFor('both replicas to serve 900 targets', allServe(900), {
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    const deregs = [...Array(50)].map((_, i) => {
      const applicationUuid = `app-${String(100 + i).padStart(4, '0')}`;
      return { key: applicationUuid, value: JSON.stringify({ applicationUuid }) };
    });
    await fixture.producer.send(topics.deregister, deregs);
    await waitFor('both replicas to serve 850 targets', allServe(850), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    // b joining the group made a rebalance on a: both must still be ready afterwards.
    for (const replica of [a, b])
      expect((await fetch(`${replica.url}/health/ready`)).status).toBe(200);
    const [bodyA, bodyB] = [await getTargets(a.url), await getTargets(b.url)];
    expect(bodyA.text).toBe(bodyB.text);
    const groups = bodyA.body as { targets: string[]; labels: Record<string, string> }[];
    expect(
      groups.find((g) => g.labels.__meta_registry_application_uuid === 'app-0007')!.targets,
    ).toEqual(['app-0007.svc:7007']);
    expect(groups.some((g) => g.labels.__meta_registry_application_uuid === 'app-0120')).toBe(
      false,
    );
  });

  it('a replica killed with SIGKILL mid-burst comes back to the same set, answering 503 (never [] or partial) while catching up', async () => {
    const topics = uniqueTopics();
    // 10,000 records already in the state topic, as written by earlier registrations.
    const state: Message[] = [];
    for (let i = 0; i < 10_000; i++) {
      state.push({ key: `pre-${i}`, value: JSON.stringify({ HOST: `pre-${i}.svc`, PORT: 9100 }) });
    }
    for (let i = 0; i < state.length; i += 2000)
      await fixture.producer.send(topics.state, state.slice(i, i + 2000));

    const survivor = await replica(topics);
    const victim = await replica(topics);
    await Promise.all([survivor.waitReady(), victim.waitReady()]);

    const burst = [...Array(600)].map((_, i) => register(`burst-${i}`, 9200));
    const sending = (async () => {
      for (let i = 0; i < burst.length; i += 20)
        await fixture.producer.send(topics.register, burst.slice(i, i + 20));
    })();
    await waitFor(
      'part of the burst to be served',
      async () => ((await sdCount(victim.url)) ?? 0) > 10_050,
      {
        timeoutMs: 30_000,
        intervalMs: 20,
      },
    );
    victim.kill('SIGKILL');
    expect((await victim.waitExit()).signal).toBe('SIGKILL');
    await sending;

    const expected = 10_600;
    await waitFor(
      'the survivor to serve the whole burst',
      async () => (await sdCount(survivor.url)) === expected,
      {
        timeoutMs: 90_000,
        intervalMs: 250,
      },
    );

    // Restart and watch every answer while it catches up on the 10,600 records.
    const restarted = await RegistryProcess.start({ topics, groupId: `${topics.state}.commands` });
    fixture.processes.push(restarted);
    const seen = new Map<number, number>();
    const wrongBodies: string[] = [];
    await waitFor(
      'the restarted replica to serve the full set',
      async () => {
        if (!restarted.running) throw new Error(`restarted replica exited:\n${restarted.output}`);
        let res: Response;
        try {
          res = await fetch(`${restarted.url}/prometheus/targets`);
        } catch {
          return false; // not listening yet
        }
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status !== 200) return false;
        const count = (JSON.parse(text) as unknown[]).length;
        if (count !== expected) wrongBodies.push(`${count} targets`);
        return count === expected;
      },
      { timeoutMs: 60_000, intervalMs: 5 },
    );
    expect(wrongBodies).toEqual([]);
    expect(seen.get(503) ?? 0).toBeGreaterThan(0);
    expect([...seen.keys()].sort()).toEqual([200, 503]);
    expect((await getTargets(restarted.url)).text).toBe((await getTargets(survivor.url)).text);
  });

  it('stops on SIGTERM with exit code 0 within 10 s', async () => {
    const topics = uniqueTopics();
    const p = await replica(topics);
    await p.waitReady();
    await fixture.producer.send(topics.register, [register('before-stop', 9100)]);
    await waitFor('the command to be served', async () => (await sdCount(p.url)) === 1);
    const started = Date.now();
    p.kill('SIGTERM');
    const exit = await p.waitExit(15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
