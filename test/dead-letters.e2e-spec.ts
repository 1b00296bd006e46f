import { CompressionTypes } from 'kafkajs';
import { TestProducer, readAll, testKafka } from './support/kafka';
import { metricValue as metric, servedIds, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

async function served(url: string, applicationUuid: string): Promise<boolean> {
  return (await servedIds(url).catch((): string[] => [])).includes(applicationUuid);
}

const register = (applicationUuid: string, extra: Record<string, unknown> = {}) => ({
  op: 'register',
  applicationUuid,
  host: `${applicationUuid}.svc`,
  port: 9100,
  ...extra,
});

async function setDlqMaxMessageBytes(topic: string, bytes: number): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: String(bytes) }],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

describe('dead letters the broker refuses', () => {
  const fixture = useRegistry();

  it('cut down a dead letter over the DLQ topic limit, or drop it, and never stall the commands behind it', async () => {
    const { registry, producer } = fixture;
    const { topics } = registry.config;
    await setDlqMaxMessageBytes(topics.dlq, 6000);

    // 20 KB, invalid (a label value over 1024 characters): its dead letter is over 6000 bytes.
    const big = register('big-bad', { labels: { note: 'x'.repeat(20_000) } });
    await producer.sendJson(topics.commands, 'big-bad', big);
    await producer.sendJson(topics.commands, 'after-big', register('after-big'));
    await waitFor('the command after the refused dead letter to be served', () =>
      served(registry.url, 'after-big'),
    );
    const letters = await readAll(topics.dlq);
    expect(letters).toHaveLength(1);
    expect(letters[0].key?.toString()).toBe('big-bad');
    expect(letters[0].value?.length).toBe(4096);
    expect(letters[0].headers['x-error']).toMatch(/^labels: value of "note" must be at most 1024/);
    expect(letters[0].headers['x-truncated']).toMatch(
      /^value \d+ bytes, key 7 bytes, cut to 4096 each: MESSAGE_TOO_LARGE$/,
    );
    expect(
      await metric(registry.url, 'metrics_registry_dead_letters_total{outcome="truncated"}'),
    ).toBe(1);

    // Even cut down it does not fit: logged, counted, dropped; the consumer moves on.
    await setDlqMaxMessageBytes(topics.dlq, 1024);
    await producer.sendJson(topics.commands, 'big-bad-2', { ...big, applicationUuid: 'big-bad-2' });
    await producer.sendJson(topics.commands, 'after-drop', register('after-drop'));
    await waitFor('the command after the dropped dead letter to be served', () =>
      served(registry.url, 'after-drop'),
    );
    expect(
      await metric(registry.url, 'metrics_registry_dead_letters_total{outcome="dropped"}'),
    ).toBe(1);
    expect(await metric(registry.url, 'metrics_registry_write_stuck_seconds{lane="dlq"}')).toBe(0);
  });

  it('cut down the dead letter of a gzip-compressed command that is over 1 MiB uncompressed', async () => {
    const { registry } = fixture;
    const { topics } = registry.config;
    await setDlqMaxMessageBytes(topics.dlq, 1_048_588);
    const huge = JSON.stringify(register('gzip-bomb', { labels: { note: 'y'.repeat(3_000_000) } }));
    const gzip = new TestProducer();
    try {
      const kafka = testKafka().producer();
      await kafka.connect();
      await kafka.send({
        topic: topics.commands,
        compression: CompressionTypes.GZIP,
        acks: -1,
        messages: [{ key: 'gzip-bomb', value: huge }],
      });
      await kafka.disconnect();
      await gzip.sendJson(topics.commands, 'after-gzip', register('after-gzip'));
    } finally {
      await gzip.close();
    }
    await waitFor('the command after the gzip-compressed one to be served', () =>
      served(registry.url, 'after-gzip'),
    );
    const letter = (await readAll(topics.dlq)).find((r) => r.key?.toString() === 'gzip-bomb');
    const bytes = Buffer.byteLength(huge);
    expect(bytes).toBeGreaterThan(1_048_588);
    expect(letter?.headers['x-error']).toBe(`value: is ${bytes} bytes, over the 65536-byte limit`);
    expect(letter?.headers['x-truncated']).toMatch(
      new RegExp(`^value ${bytes} bytes, .*: (MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE)$`),
    );
    expect(letter?.value?.length).toBe(4096);
  });
});
