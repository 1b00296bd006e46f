import { registerCommand, uniqueTopics } from './support/kafka';
import { RegistryProcess } from './support/registry-process';
import { getTargets, useRegistryProcesses } from './support/registry-app';
import { waitFor } from './support/wait';

/**
 * dist/start.js is how the image, `npm start` and `npm run dev` run the registry: the one-file
 * bundle that `npm run build` makes, compiled from the V8 code cache written with it.
 */
describe('dist/start.js (the bundle and its code cache)', () => {
  const fixture = useRegistryProcesses();

  async function start(nodeArgs: string[] = []): Promise<RegistryProcess> {
    const topics = uniqueTopics();
    const registry = await RegistryProcess.start({
      topics,
      groupId: `${topics.state}.commands`,
      nodeArgs,
      env: { LOG_LEVEL: 'info' },
    });
    fixture.processes.push(registry);
    await registry.waitReady();
    await fixture.producer.send(topics.commands, [registerCommand('start-a')]);
    await waitFor(
      'the registration to be served',
      async () => {
        const { status, body } = await getTargets(registry.url);
        return status === 200 && (body as unknown[]).length === 1;
      },
      { timeoutMs: 30_000 },
    );
    return registry;
  }

  it('runs the bundle from its code cache and serves what it is sent', async () => {
    const registry = await start();
    expect(registry.output).toContain('loaded from dist/bundle/registry.js with its code cache');
  });

  it('starts the same when V8 rejects the code cache (other V8 flags), and says so', async () => {
    const registry = await start(['--max-old-space-size=256']);
    expect(registry.output).toContain('without its code cache, which V8 rejected');
  });
});
