import { recordBatch } from '../src/kafka/fetch-response.testing';
import { readAll, readTopic, testKafka, uniqueTopics } from './support/kafka';
import { produceRawBatch } from './support/raw-produce';
import { getTargets, startTestRegistry, useRegistry } from './support/registry-app';
import { waitFor } from './support/wait';

const target = (applicationUuid: string, extra: Record<string, unknown> = {}) => ({
  applicationUuid,
  host: `${applicationUuid}.svc`,
  port: 9100,
  ...extra,
});

async function served(url: string): Promise<string[]> {
  const { status, body } = await getTargets(url);
  if (status !== 200) throw new Error(`SD answered ${status}`);
  return (body as { labels: Record<string, string> }[]).map(
    (g) => g.labels.__meta_registry_application_uuid,
  );
}

describe('Registry: commands, DLQ, state topic, view', () => {
  const fixture = useRegistry();

  it('serves every valid command and dead-letters every invalid one with a reason naming the field', async () => {
    const { topics } = fixture.registry.config;
    const big = JSON.stringify(target('big', { labels: { pad: 'x'.repeat(1000) } })).padEnd(
      100 * 1024,
      ' ',
    );
    const invalid: { key: string; value: string | null; field: string }[] = [
      { key: 'not-json', value: 'this is not json', field: 'value' },
      { key: 'empty', value: '', field: 'value' },
      { key: 'array', value: '[1,2,3]', field: 'value' },
      { key: 'null-value', value: null, field: 'value' },
      { key: 'too-big', value: big, field: 'value' },
      { key: 'no-uuid', value: JSON.stringify({ host: 'a', port: 1 }), field: 'applicationUuid' },
      { key: 'bad-uuid', value: JSON.stringify(target('-bad')), field: 'applicationUuid' },
      {
        key: 'uuid-type',
        value: JSON.stringify({ ...target('x'), applicationUuid: 42 }),
        field: 'applicationUuid',
      },
      {
        key: 'no-host',
        value: JSON.stringify({ applicationUuid: 'no-host', port: 1 }),
        field: 'host',
      },
      {
        key: 'host-scheme',
        value: JSON.stringify(target('h1', { host: 'http://a' })),
        field: 'host',
      },
      { key: 'host-port', value: JSON.stringify(target('h2', { host: 'a:80' })), field: 'host' },
      { key: 'host-space', value: JSON.stringify(target('h3', { host: 'a b' })), field: 'host' },
      { key: 'host-dash', value: JSON.stringify(target('h4', { host: '-a' })), field: 'host' },
      {
        key: 'no-port',
        value: JSON.stringify({ applicationUuid: 'np', host: 'a' }),
        field: 'port',
      },
      { key: 'port-zero', value: JSON.stringify(target('p0', { port: 0 })), field: 'port' },
      { key: 'port-high', value: JSON.stringify(target('p1', { port: 65536 })), field: 'port' },
      { key: 'port-float', value: JSON.stringify(target('p2', { port: 80.5 })), field: 'port' },
      { key: 'port-word', value: JSON.stringify(target('p3', { port: 'eighty' })), field: 'port' },
      { key: 'path-rel', value: JSON.stringify(target('q1', { path: 'metrics' })), field: 'path' },
      { key: 'path-query', value: JSON.stringify(target('q2', { path: '/m?x=1' })), field: 'path' },
      {
        key: 'path-long',
        value: JSON.stringify(target('q3', { path: '/' + 'a'.repeat(1024) })),
        field: 'path',
      },
      { key: 'scheme', value: JSON.stringify(target('s1', { scheme: 'ftp' })), field: 'scheme' },
      {
        key: 'labels-type',
        value: JSON.stringify(target('l1', { labels: ['a'] })),
        field: 'labels',
      },
      {
        key: 'label-name',
        value: JSON.stringify(target('l2', { labels: { '1a': 'x' } })),
        field: 'labels',
      },
      {
        key: 'label-reserved',
        value: JSON.stringify(target('l3', { labels: { __x: 'x' } })),
        field: 'labels',
      },
      {
        key: 'label-value',
        value: JSON.stringify(target('l4', { labels: { a: 1 } })),
        field: 'labels',
      },
      {
        key: 'label-count',
        value: JSON.stringify(
          target('l5', {
            labels: Object.fromEntries([...Array(33)].map((_, i) => [`l${i}`, 'v'])),
          }),
        ),
        field: 'labels',
      },
      {
        key: 'ttl-low',
        value: JSON.stringify(target('t1', { ttlSeconds: 4 })),
        field: 'ttlSeconds',
      },
      {
        key: 'ttl-high',
        value: JSON.stringify(target('t2', { ttlSeconds: 86401 })),
        field: 'ttlSeconds',
      },
      {
        key: 'ttl-type',
        value: JSON.stringify(target('t3', { ttlSeconds: '60' })),
        field: 'ttlSeconds',
      },
      { key: 'unknown', value: JSON.stringify(target('u1', { hots: 'typo' })), field: 'hots' },
    ];
    const valid = [
      target('valid-1'),
      target('valid-2', {
        port: '8080',
        path: '/custom/metrics',
        scheme: 'https',
        labels: { env: 'prod' },
      }),
      target('valid-3', { host: '10.0.0.7' }),
      target('valid-4', { host: '2001:db8::1', ttlSeconds: 3600 }),
      target('valid-5', { host: 'my_container_1' }),
    ];
    // Interleave: each valid command follows a few invalid ones.
    const messages = invalid.map((m) => ({ key: m.key, value: m.value }));
    valid.forEach((v, i) =>
      messages.splice(i * 7 + 3, 0, { key: v.applicationUuid, value: JSON.stringify(v) }),
    );
    await fixture.producer.send(topics.register, messages);
    await fixture.producer.send(topics.deregister, [
      { key: 'dereg-bad', value: JSON.stringify({ applicationUuid: '' }) },
      { key: 'dereg-extra', value: JSON.stringify({ applicationUuid: 'a', force: true }) },
    ]);

    await waitFor('every valid registration to be served', async () => {
      const ids = await served(fixture.registry.url);
      return valid.every((v) => ids.includes(v.applicationUuid)) ? ids : undefined;
    });
    expect(await served(fixture.registry.url)).toEqual(valid.map((v) => v.applicationUuid));

    const dead = await readTopic(topics.dlq, invalid.length + 2);
    expect(dead).toHaveLength(invalid.length + 2);
    const byKey = new Map(dead.map((r) => [r.key?.toString(), r]));
    for (const m of invalid) {
      const record = byKey.get(m.key);
      expect(record).toBeDefined();
      expect(record!.value === null ? null : record!.value.toString()).toEqual(m.value);
      expect(record!.headers['x-error'].startsWith(`${m.field}`)).toBe(true);
      expect(record!.headers['x-error']).not.toMatch(/\n/);
      expect(record!.headers['x-source-topic']).toBe(topics.register);
      expect(record!.headers['x-source-partition']).toBe('0');
      expect(record!.headers['x-source-offset']).toMatch(/^\d+$/);
    }
    expect(byKey.get('dereg-bad')!.headers['x-error']).toMatch(/^applicationUuid: /);
    expect(byKey.get('dereg-extra')!.headers['x-error']).toBe('force: is not a known field');
    expect(byKey.get('dereg-extra')!.headers['x-source-topic']).toBe(topics.deregister);

    // The consumer is still running: a command sent after the batch is processed.
    await fixture.producer.sendJson(topics.register, 'after-batch', target('after-batch'));
    await waitFor('a command after the bad batch', async () =>
      (await served(fixture.registry.url)).includes('after-batch'),
    );

    const metrics = await (await fetch(`${fixture.registry.url}/metrics`)).text();
    expect(metrics).toContain(
      `metrics_registry_commands_total{command="register",outcome="invalid"} ${invalid.length}`,
    );
    expect(metrics).toContain(
      'metrics_registry_commands_total{command="deregister",outcome="invalid"} 2',
    );
  });

  it('serves records written straight to the state topic in OpenFactory format, and drops them on a tombstone or an invalid record', async () => {
    const { topics } = fixture.registry.config;
    await fixture.producer.send(topics.state, [
      { key: 'of-app-1', value: JSON.stringify({ HOST: 'ofa-1', PORT: 9000, PATH: '/metrics' }) },
      { key: 'of-app-2', value: JSON.stringify({ HOST: 'ofa-2', PORT: '9001', PATH: '/m' }) },
      { key: 'of-bad', value: JSON.stringify({ HOST: 'ofa-3' }) },
      { key: 'of-garbage', value: 'not json' },
    ]);
    const groups = await waitFor('the OpenFactory records', async () => {
      const { body } = await getTargets(fixture.registry.url);
      const list = body as { targets: string[]; labels: Record<string, string> }[];
      const of = list.filter((g) => g.labels.__meta_registry_application_uuid.startsWith('of-'));
      return of.length === 2 ? of : undefined;
    });
    expect(groups).toEqual([
      {
        targets: ['ofa-1:9000'],
        labels: {
          __metrics_path__: '/metrics',
          __scheme__: 'http',
          __meta_registry_application_uuid: 'of-app-1',
        },
      },
      {
        targets: ['ofa-2:9001'],
        labels: {
          __metrics_path__: '/m',
          __scheme__: 'http',
          __meta_registry_application_uuid: 'of-app-2',
        },
      },
    ]);
    const metrics = await (await fetch(`${fixture.registry.url}/metrics`)).text();
    expect(metrics).toMatch(/metrics_registry_state_records_total\{outcome="invalid"\} 2/);

    // A tombstone with a header sent with no value, as a Java client may write it (kafkajs's
    // producer cannot): the header is read as absent, and the tombstone applies.
    await produceRawBatch(
      topics.state,
      await recordBatch({
        baseOffset: 0,
        baseTimestamp: Date.now(),
        records: [{ offsetDelta: 0, key: 'of-app-1', value: null, nullHeaders: ['x-removed-by'] }],
      }),
    );
    await waitFor('the tombstone to remove of-app-1', async () => {
      const ids = await served(fixture.registry.url);
      return !ids.includes('of-app-1') && ids.includes('of-app-2');
    });

    // A record for of-app-2 that does not validate is its last word (compaction keeps it, not
    // the one before): of-app-2 is no longer served, as a replica started later would have it.
    await fixture.producer.send(topics.state, [
      { key: 'of-app-2', value: JSON.stringify({ HOST: 'ofa-2', PORT: 70000 }) },
    ]);
    await waitFor('the invalid record to remove of-app-2', async () => {
      const ids = await served(fixture.registry.url);
      return !ids.includes('of-app-2');
    });
    const explained = (await (
      await fetch(`${fixture.registry.url}/api/v1/targets/of-app-2/explain`)
    ).json()) as { cause: string; summary: string };
    expect(explained.cause).toBe('invalid');
    expect(explained.summary).toMatch(/is invalid: PORT: must be an integer from 1 to 65535$/);
    expect(await (await fetch(`${fixture.registry.url}/metrics`)).text()).toMatch(
      /metrics_registry_state_records_total\{outcome="invalid"\} 3/,
    );
  });

  it('expires a lease after ttlSeconds without renewal and keeps it while renewed', async () => {
    const { topics } = fixture.registry.config;
    const started = Date.now();
    await fixture.producer.sendJson(
      topics.register,
      'lease-once',
      target('lease-once', { ttlSeconds: 5 }),
    );
    await fixture.producer.sendJson(
      topics.register,
      'lease-renewed',
      target('lease-renewed', { ttlSeconds: 5 }),
    );
    const renewals = setInterval(() => {
      void fixture.producer.sendJson(
        topics.register,
        'lease-renewed',
        target('lease-renewed', { ttlSeconds: 5 }),
      );
    }, 2000);
    try {
      await waitFor('both leases to be served', async () => {
        const ids = await served(fixture.registry.url);
        return ids.includes('lease-once') && ids.includes('lease-renewed');
      });
      await waitFor(
        'the unrenewed lease to expire',
        async () => !(await served(fixture.registry.url)).includes('lease-once'),
        {
          timeoutMs: 12_000,
          intervalMs: 50,
        },
      );
      const expiredAfter = Date.now() - started;
      expect(expiredAfter).toBeGreaterThanOrEqual(4900);
      // The renewed one outlives two more ttl periods.
      const until = Date.now() + 7000;
      while (Date.now() < until) {
        expect(await served(fixture.registry.url)).toContain('lease-renewed');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      clearInterval(renewals);
    }
    // The sweeper wrote the expired lease's tombstone to the state topic.
    await waitFor('the expiry tombstone', async () => {
      const records = await readAll(topics.state);
      return records.some((r) => r.key?.toString() === 'lease-once' && r.value === null);
    });
  });
});

describe('Registry: state topic creation', () => {
  it('creates the state topic compacted, with the configured partitions', async () => {
    const topics = uniqueTopics();
    const registry = await startTestRegistry({ topics, statePartitions: 3 });
    try {
      const admin = testKafka().admin();
      await admin.connect();
      const meta = await admin.fetchTopicMetadata({ topics: [topics.state] });
      expect(meta.topics[0].partitions).toHaveLength(3);
      const configs = await admin.describeConfigs({
        resources: [{ type: 2, name: topics.state, configNames: ['cleanup.policy'] }],
        includeSynonyms: false,
      });
      expect(configs.resources[0].configEntries[0].configValue).toBe('compact');
      await admin.disconnect();
    } finally {
      await registry.close();
    }
  });
});
