import { RegistryConfig } from '../src/config/registry.config';
import { readAll } from './support/kafka';
import { OwnBroker } from './support/own-broker';
import { RunningRegistry, startTestRegistry, waitReady } from './support/registry-app';

const TOKEN = 'rest-deadline-token';

describe('REST writes while Kafka is unreachable', () => {
  it('answer 503 with Retry-After after the configured wait, and write nothing', async () => {
    const broker = await OwnBroker.create();
    await broker.start();
    let registry: RunningRegistry | null = null;
    try {
      registry = await startTestRegistry({
        apiToken: TOKEN,
        apiWriteTimeoutMs: 2000,
        kafka: { ...new RegistryConfig().kafka, brokers: broker.brokers },
      });
      await waitReady(registry.url);
      await broker.stop();

      const put = (id: string) =>
        fetch(`${registry!.url}/api/v1/targets/${id}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ host: 'app.svc', port: 9100 }),
        });
      const started = Date.now();
      const answer = await put('while-down');
      const waited = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.json()).toEqual({
        statusCode: 503,
        error: 'Kafka did not acknowledge the write within 2 s; nothing was written',
      });
      // Bounded: the deadline, plus at most one backoff step of the write being retried.
      expect(waited).toBeGreaterThanOrEqual(2000);
      expect(waited).toBeLessThan(20_000);
      const gone = await fetch(`${registry.url}/api/v1/targets/while-down`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(gone.status).toBe(503);

      // Kafka back: the withdrawn write never lands, and a new one goes through.
      await broker.start();
      expect((await put('after-recovery')).status).toBe(200);
      const state = await readAllFrom(broker, registry.config.topics.state);
      expect(state).toEqual(['after-recovery']);
    } finally {
      await registry?.close();
      await broker.destroy();
    }
  });
});

/** The keys of a topic of the spec's own broker. */
async function readAllFrom(broker: OwnBroker, topic: string): Promise<string[]> {
  const previous = process.env.KAFKA_BROKERS;
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  try {
    return (await readAll(topic)).map((r) => String(r.key));
  } finally {
    process.env.KAFKA_BROKERS = previous;
  }
}
