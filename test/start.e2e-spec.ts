import { Message } from 'kafkajs';
import { TestProducer, uniqueTopics } from './support/kafka';
import { RegistryProcess } from './support/registry-process';
import { getTargets } from './support/registry-app';
import { waitFor } from './support/wait';

function register(applicationUuid: string): Message {
  return {
    key: applicationUuid,
    value: JSON.stringify({ applicationUuid, host: `${applicationUuid}.svc`, port: 9100 }),
  };
}

/**
 * dist/start.js is how the image, `npm start` and `npm run dev` run the registry: the one-file
 * bundle that `npm run build` makes, compiled from the V8 code cache written with it.
 */
describe('dist/start.js (the bundle and its code cache)', () => {
  const processes: RegistryProcess[] = [];
  let producer: TestProducer;

  beforeAll(() => {
    producer = new TestProducer();
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await producer.close();
  });

  async function start(nodeArgs: string[] = []): Promise<RegistryProcess> {
    const topics = uniqueTopics();
    const registry = await RegistryProcess.start({
      topics,
      groupId: `${topics.state}.commands`,
      nodeArgs,
      env: { LOG_LEVEL: 'info' },
    });
    processes.push(registry);
    await registry.waitReady();
    await producer.send(topics.register, [register('start-a')]);
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
