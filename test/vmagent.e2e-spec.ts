import { loadRegistryConfig } from '../src/config/registry.config';
import { TestProducer } from './support/kafka';
import { MetricsServer } from './support/metrics-server';
import { TestVmagent, sumSamples } from './support/prometheus';
import { RunningRegistry, startTestRegistry, waitReady } from './support/registry-app';
import { waitFor } from './support/wait';

/**
 * VictoriaMetrics' vmagent as the SD consumer: it reads the same http_sd_configs as Prometheus
 * but polls on its own interval (-promscrape.httpSDCheckInterval) and stores nothing itself, so
 * the scraped samples are queried where its remote write put them.
 */
describe('vmagent with http_sd_configs pointing at the registry', () => {
  const TOKEN = 'e2e-vmagent-token';
  let server: MetricsServer;
  let registry: RunningRegistry;
  let producer: TestProducer;
  let vmagent: TestVmagent;

  const appId = (labels: Record<string, string>) => labels.__meta_registry_application_uuid;

  beforeAll(async () => {
    server = await MetricsServer.start(
      '# TYPE e2e_vmagent_target_up gauge\ne2e_vmagent_target_up 1\n',
    );
    // The metrics server listens on loopback, which REGISTRY_DENIED_HOSTS denies by default.
    const fromEnv = loadRegistryConfig({ SD_BEARER_TOKEN: TOKEN, REGISTRY_DENIED_HOSTS: 'none' });
    registry = await startTestRegistry({
      targetPolicy: fromEnv.targetPolicy,
      sdBearerToken: fromEnv.sdBearerToken,
    });
    await waitReady(registry.url);
    producer = new TestProducer();
    await producer.sendJson(registry.config.topics.register, 'vm-target', {
      applicationUuid: 'vm-target',
      host: '127.0.0.1',
      port: server.port,
      labels: { env: 'e2e', team: 'gamma' },
    });
    const sdUrl = `${registry.url}/prometheus/targets`;
    vmagent = await TestVmagent.start([
      { name: 'bearer', url: sdUrl, bearerToken: TOKEN },
      { name: 'wrong-token', url: sdUrl, bearerToken: `${TOKEN}-wrong` },
    ]);
  });

  afterAll(async () => {
    await vmagent?.stop();
    await producer?.close();
    await registry?.close();
    await server?.stop();
  });

  it('discovers the target registered through Kafka and scrapes it', async () => {
    const target = await waitFor(
      'vm-target up in the "bearer" job',
      async () => {
        const [found] = (await vmagent.activeTargets('bearer')).filter(
          (t) => appId(t.discoveredLabels) === 'vm-target',
        );
        return found?.health === 'up' ? found : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(target.labels).toEqual({
      env: 'e2e',
      instance: server.address,
      job: 'bearer',
      team: 'gamma',
    });
    expect(target.scrapeUrl).toBe(`http://${server.address}/metrics`);
    expect(server.scrapes).toBeGreaterThan(0);
  });

  it('delivers the scraped metric with the registered labels', async () => {
    const samples = await waitFor(
      'e2e_vmagent_target_up in the storage',
      async () => {
        const result = await vmagent.query('e2e_vmagent_target_up{job="bearer"}');
        return result.length > 0 ? result : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(samples).toHaveLength(1);
    expect(samples[0].metric).toEqual({
      __name__: 'e2e_vmagent_target_up',
      env: 'e2e',
      instance: server.address,
      job: 'bearer',
      team: 'gamma',
    });
    expect(samples[0].value[1]).toBe('1');
  });

  it('discovers nothing with a wrong bearer token, which the registry answers 401', async () => {
    expect(await vmagent.activeTargets('wrong-token')).toEqual([]);
    const unauthorized = await waitFor('the registry to count 401s', async () => {
      const text = await (await fetch(`${registry.url}/metrics`)).text();
      const count = sumSamples(text, 'metrics_registry_sd_requests_total', { code: '401' });
      return count !== undefined && count > 0 ? count : undefined;
    });
    expect(unauthorized).toBeGreaterThan(0);
  });

  it('drops the target after a deregister', async () => {
    await producer.sendJson(registry.config.topics.deregister, 'vm-target', {
      applicationUuid: 'vm-target',
    });
    await waitFor(
      'vm-target to leave the "bearer" job',
      async () =>
        !(await vmagent.activeTargets('bearer')).some(
          (t) => appId(t.discoveredLabels) === 'vm-target',
        ),
      { timeoutMs: 60_000 },
    );
    expect(await vmagent.activeTargets('bearer')).toEqual([]);
  });
});
