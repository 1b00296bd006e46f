import type { Kafka, ProducerRecord } from 'kafkajs';
import { InvalidTargetError } from '../target/target.validation';
import { MetricsRegistryClient } from './metrics-registry.client';

/** A stand-in for kafkajs that records what is sent and can be made to fail. */
class FakeKafka {
  sent: { topic: string; key: string; value: unknown; acks: number | undefined }[] = [];
  failNext = 0;
  /** Sends never complete, as with a broker that accepts connections but does not answer. */
  hang = false;
  disconnected = false;

  producer() {
    return {
      events: { DISCONNECT: 'producer.disconnect' },
      on: () => undefined,
      connect: async () => undefined,
      disconnect: async () => {
        this.disconnected = true;
      },
      send: async (record: ProducerRecord) => {
        if (this.hang) return new Promise<never>(() => undefined);
        if (this.failNext > 0) {
          this.failNext--;
          throw new Error('broker unreachable');
        }
        for (const m of record.messages) {
          this.sent.push({
            topic: record.topic,
            key: String(m.key),
            value: JSON.parse(String(m.value)),
            acks: record.acks,
          });
        }
        return [];
      },
    };
  }
}

function clientWith(kafka: FakeKafka, warnings: string[] = []) {
  return new MetricsRegistryClient({
    kafka: kafka as unknown as Kafka,
    logger: { warn: (message) => warnings.push(message) },
  });
}

const target = { applicationUuid: 'shdr-gateway-1', host: 'shdr-gateway', port: 4000 };

describe('MetricsRegistryClient', () => {
  afterEach(() => jest.useRealTimers());

  it('sends the register command to the ordered command topic, keyed by applicationUuid, with the defaults applied, acks=all', async () => {
    const kafka = new FakeKafka();
    const client = clientWith(kafka);
    // A port of digits is accepted, as from JSON or a command line.
    await client.register({ ...target, port: '4000', labels: { env: 'prod' } } as never);
    expect(kafka.sent).toEqual([
      {
        topic: 'metrics-registry.commands',
        key: 'shdr-gateway-1',
        value: {
          op: 'register',
          applicationUuid: 'shdr-gateway-1',
          host: 'shdr-gateway',
          port: 4000,
          path: '/metrics',
          scheme: 'http',
          labels: { env: 'prod' },
        },
        acks: -1,
      },
    ]);
  });

  it('throws the registry’s "field: reason" and sends nothing for a target breaking a rule', async () => {
    const kafka = new FakeKafka();
    const client = clientWith(kafka);
    const attempt = client.register({ ...target, port: 70000 });
    await expect(attempt).rejects.toThrow(InvalidTargetError);
    await expect(attempt).rejects.toThrow('port: must be an integer from 1 to 65535');
    await expect(client.register({ ...target, colour: 'red' } as never)).rejects.toThrow(
      'colour: is not a known field',
    );
    expect(kafka.sent).toEqual([]);
  });

  it('renews a lease every third of ttlSeconds until deregistered', async () => {
    jest.useFakeTimers();
    const kafka = new FakeKafka();
    const client = clientWith(kafka);
    await client.register({ ...target, ttlSeconds: 30 });
    await jest.advanceTimersByTimeAsync(9_999);
    expect(kafka.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(kafka.sent.map((s) => (s.value as { op: string }).op)).toEqual(
      Array(3).fill('register'),
    );
    expect(kafka.sent[2].value).toEqual(kafka.sent[0].value);

    await client.deregister();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(kafka.sent.slice(3)).toEqual([
      {
        topic: 'metrics-registry.commands',
        key: 'shdr-gateway-1',
        value: { op: 'deregister', applicationUuid: 'shdr-gateway-1' },
        acks: -1,
      },
    ]);
  });

  it('reports a failed renewal and tries again at the next interval', async () => {
    jest.useFakeTimers();
    const kafka = new FakeKafka();
    const warnings: string[] = [];
    const client = clientWith(kafka, warnings);
    await client.register({ ...target, ttlSeconds: 6 });
    kafka.failNext = 1;
    await jest.advanceTimersByTimeAsync(2_000);
    expect(warnings).toEqual([
      expect.stringContaining('renewing the lease of shdr-gateway-1 failed'),
    ]);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(kafka.sent).toHaveLength(2);
    await client.close();
  });

  it('does not renew a registration whose first send failed', async () => {
    jest.useFakeTimers();
    const kafka = new FakeKafka();
    const client = clientWith(kafka);
    kafka.failNext = 1;
    await expect(client.register({ ...target, ttlSeconds: 6 })).rejects.toThrow(
      'broker unreachable',
    );
    await jest.advanceTimersByTimeAsync(10_000);
    expect(kafka.sent).toEqual([]);
    expect(client.registered).toEqual([]);
  });

  it('deregisters everything on close, unless told not to, and then refuses to register', async () => {
    const kafka = new FakeKafka();
    const client = clientWith(kafka);
    await client.register(target);
    await client.register({ ...target, applicationUuid: 'other' });
    await client.close();
    expect(kafka.sent.filter((s) => (s.value as { op: string }).op === 'deregister')).toHaveLength(
      2,
    );
    expect(kafka.disconnected).toBe(true);
    await expect(client.register(target)).rejects.toThrow('the client is closed');

    const keep = new FakeKafka();
    const oneShot = clientWith(keep);
    await oneShot.register(target);
    await oneShot.close({ deregister: false });
    expect(keep.sent.map((s) => (s.value as { op: string }).op)).toEqual(['register']);
  });

  it('sends to the topic it is given', async () => {
    const kafka = new FakeKafka();
    const client = new MetricsRegistryClient({ kafka: kafka as unknown as Kafka, topic: 'cmds' });
    await client.register(target);
    await client.deregister('shdr-gateway-1');
    expect(kafka.sent.map((s) => s.topic)).toEqual(['cmds', 'cmds']);
    await expect(client.deregister('bad id')).rejects.toThrow('applicationUuid: must match');
  });

  it('needs brokers or a kafkajs client', () => {
    expect(() => new MetricsRegistryClient({})).toThrow('pass `brokers` or a kafkajs `kafka`');
  });

  it('hooks the exit signals only when asked, and unhooks them on close', async () => {
    const before = process.listenerCount('SIGTERM');
    const client = new MetricsRegistryClient({
      kafka: new FakeKafka() as unknown as Kafka,
      deregisterOnExit: true,
    });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(process.listenerCount('SIGINT')).toBeGreaterThan(0);
    await client.close();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('fails a command Kafka does not acknowledge within the timeout', async () => {
    const kafka = new FakeKafka();
    const client = new MetricsRegistryClient({ kafka: kafka as unknown as Kafka, timeoutMs: 20 });
    kafka.hang = true;
    await expect(client.register(target)).rejects.toThrow(
      'Kafka did not acknowledge the command within 20 ms',
    );
    expect(client.registered).toEqual([]);
  });
});
