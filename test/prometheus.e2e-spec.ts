import { loadRegistryConfig } from '../src/config/registry.config';
import { shardOf } from '../src/discovery/rendezvous';
import { TestProducer } from './support/kafka';
import { MetricsServer } from './support/metrics-server';
import { ActiveTarget, PROMETHEUS_SERVERS, TestPrometheus, sumSamples } from './support/prometheus';
import { RunningRegistry, startTestRegistry, waitReady } from './support/registry-app';
import { waitFor } from './support/wait';

/**
 * A real Prometheus, the oldest we support (Debian's package, 2.42) and the current major (3),
 * discovering its targets from registries under test: one plain, scraped whole and in two shards,
 * and one protected by SD_BEARER_TOKEN/SD_BASIC_AUTH.
 */
describe.each(PROMETHEUS_SERVERS)(
  'a real $name with http_sd_configs pointing at the registry',
  (server) => {
    const TOKEN = 'e2e-sd-token';
    const SHARD_IDS = Array.from({ length: 6 }, (_, i) => `sharded-${i}`);
    const ALL_IDS = ['server-a', 'server-b', ...SHARD_IDS].sort();

    let serverA: MetricsServer;
    let serverB: MetricsServer;
    let plain: RunningRegistry;
    let secured: RunningRegistry;
    let producer: TestProducer;
    let prometheus: TestPrometheus;

    const ids = (targets: ActiveTarget[]) =>
      targets.map((t) => t.discoveredLabels.__meta_registry_application_uuid).sort();

    beforeAll(async () => {
      serverA = await MetricsServer.start('# TYPE e2e_server_a_up gauge\ne2e_server_a_up 1\n');
      serverB = await MetricsServer.start(
        '# TYPE e2e_server_b_up gauge\ne2e_server_b_up 1\n',
        '/custom/metrics',
      );
      // The metrics servers listen on loopback, which REGISTRY_DENIED_HOSTS denies by default.
      const fromEnv = loadRegistryConfig({
        SD_BEARER_TOKEN: TOKEN,
        SD_BASIC_AUTH: 'prometheus:e2e-password',
        REGISTRY_DENIED_HOSTS: 'none',
      });
      const { targetPolicy } = fromEnv;
      [plain, secured] = await Promise.all([
        startTestRegistry({ targetPolicy }),
        startTestRegistry({
          targetPolicy,
          sdBearerToken: fromEnv.sdBearerToken,
          sdBasicAuth: fromEnv.sdBasicAuth,
        }),
      ]);
      await Promise.all([waitReady(plain.url), waitReady(secured.url)]);

      producer = new TestProducer();
      const registerOn = (registry: RunningRegistry, id: string, body: Record<string, unknown>) =>
        producer.sendJson(registry.config.topics.register, id, { applicationUuid: id, ...body });
      await registerOn(plain, 'server-a', {
        host: '127.0.0.1',
        port: serverA.port,
        labels: { env: 'e2e', team: 'alpha' },
      });
      await registerOn(plain, 'server-b', {
        host: '127.0.0.1',
        port: serverB.port,
        path: '/custom/metrics',
        labels: { env: 'e2e', team: 'beta' },
      });
      for (const [i, id] of SHARD_IDS.entries()) {
        const server = i % 2 === 0 ? serverA : serverB;
        // A label of their own: Prometheus merges targets whose address and labels are the same.
        await registerOn(plain, id, {
          host: '127.0.0.1',
          port: server.port,
          path: server.path,
          labels: { slot: `${i}` },
        });
      }
      await registerOn(secured, 'secured-a', { host: '127.0.0.1', port: serverA.port });
      await waitFor('both registries to serve every registration', async () => {
        const served = async (url: string) =>
          (
            (await (
              await fetch(`${url}/prometheus/targets`, {
                headers: { Authorization: `Bearer ${TOKEN}` },
              })
            ).json()) as unknown[]
          ).length;
        return (await served(plain.url)) === ALL_IDS.length && (await served(secured.url)) === 1;
      });

      const sdUrl = (registry: RunningRegistry, query = '') =>
        `${registry.url}/prometheus/targets${query}`;
      prometheus = await TestPrometheus.start(
        [
          { name: 'registry', url: sdUrl(plain) },
          { name: 'shard-0', url: sdUrl(plain, '?shard=0&shards=2') },
          { name: 'shard-1', url: sdUrl(plain, '?shard=1&shards=2') },
          { name: 'bearer', url: sdUrl(secured), bearerToken: TOKEN },
          {
            name: 'basic',
            url: sdUrl(secured),
            basicAuth: { username: 'prometheus', password: 'e2e-password' },
          },
          { name: 'anonymous', url: sdUrl(secured) },
          { name: 'wrong-token', url: sdUrl(secured), bearerToken: `${TOKEN}-wrong` },
        ],
        { server },
      );
    });

    it('is the release under test', async () => {
      expect(await prometheus.version()).toMatch(new RegExp(`^${server.major}\\.`));
    });

    afterAll(async () => {
      await prometheus?.stop();
      await producer?.close();
      await Promise.all([plain?.close(), secured?.close()]);
      await Promise.all([serverA?.stop(), serverB?.stop()]);
    });

    it('scrapes both registered servers as up, with the user labels and the meta label', async () => {
      const targets = await waitFor(
        'both servers up in the "registry" job',
        async () => {
          const active = await prometheus.activeTargets('registry');
          const byId = (id: string) =>
            active.find((t) => t.discoveredLabels.__meta_registry_application_uuid === id);
          const a = byId('server-a');
          const b = byId('server-b');
          return a?.health === 'up' && b?.health === 'up' ? { a, b } : undefined;
        },
        { timeoutMs: 60_000 },
      );
      expect(targets.a.labels).toEqual({
        env: 'e2e',
        instance: serverA.address,
        job: 'registry',
        team: 'alpha',
      });
      expect(targets.a.scrapeUrl).toBe(`http://${serverA.address}/metrics`);
      expect(targets.b.labels).toEqual({
        env: 'e2e',
        instance: serverB.address,
        job: 'registry',
        team: 'beta',
      });
      expect(targets.b.scrapeUrl).toBe(`http://${serverB.address}/custom/metrics`);
      // Prometheus 3 adds its histogram settings (__scrape_native_histograms__, …) to every target.
      const discovered = Object.fromEntries(
        Object.entries(targets.b.discoveredLabels).filter(
          ([name]) => !/_histograms(_to_nhcb)?__$/.test(name),
        ),
      );
      expect(discovered).toEqual({
        __address__: serverB.address,
        __metrics_path__: '/custom/metrics',
        __scheme__: 'http',
        __meta_registry_application_uuid: 'server-b',
        __meta_url: `${plain.url}/prometheus/targets`,
        __scrape_interval__: '1s',
        __scrape_timeout__: '1s',
        env: 'e2e',
        job: 'registry',
        team: 'beta',
      });
      expect(serverA.scrapes).toBeGreaterThan(0);
      expect(serverB.scrapes).toBeGreaterThan(0);
    });

    it('stores a metric of each server, queryable with the registered labels', async () => {
      for (const [metric, server, team] of [
        ['e2e_server_a_up', serverA, 'alpha'],
        ['e2e_server_b_up', serverB, 'beta'],
      ] as const) {
        const samples = await waitFor(`${metric} in Prometheus`, async () => {
          const result = await prometheus.query(`${metric}{job="registry",team="${team}"}`);
          return result.length > 0 ? result : undefined;
        });
        expect(samples).toHaveLength(1);
        expect(samples[0].metric).toEqual({
          __name__: metric,
          env: 'e2e',
          instance: server.address,
          job: 'registry',
          team,
        });
        expect(samples[0].value[1]).toBe('1');
      }
    });

    it('splits the targets between two shard jobs with no overlap and nothing missing', async () => {
      const expected = [0, 1].map((shard) => ALL_IDS.filter((id) => shardOf(id, 2) === shard));
      expect(expected[0].length).toBeGreaterThan(0);
      expect(expected[1].length).toBeGreaterThan(0);

      const [shard0, shard1] = await waitFor(
        'the shard jobs to hold every target between them',
        async () => {
          const jobs = await Promise.all([
            prometheus.activeTargets('shard-0'),
            prometheus.activeTargets('shard-1'),
          ]);
          const seen = new Set(jobs.flatMap(ids));
          return seen.size === ALL_IDS.length ? jobs.map(ids) : undefined;
        },
        { timeoutMs: 60_000 },
      );
      expect(shard0).toEqual(expected[0]);
      expect(shard1).toEqual(expected[1]);
      expect(shard0.filter((id) => shard1.includes(id))).toEqual([]);
      expect([...shard0, ...shard1].sort()).toEqual(ALL_IDS);
    });

    it('drops a deregistered target from activeTargets', async () => {
      await producer.sendJson(plain.config.topics.deregister, 'server-b', {
        applicationUuid: 'server-b',
      });
      const remaining = await waitFor(
        'server-b to leave the "registry" job',
        async () => {
          const active = ids(await prometheus.activeTargets('registry'));
          return active.includes('server-b') ? undefined : active;
        },
        { timeoutMs: 60_000 },
      );
      expect(remaining).toEqual(ALL_IDS.filter((id) => id !== 'server-b'));
      await waitFor('server-b to leave its shard job', async () => {
        const jobs = await Promise.all([
          prometheus.activeTargets('shard-0'),
          prometheus.activeTargets('shard-1'),
        ]);
        return !jobs.flatMap(ids).includes('server-b');
      });
    });

    it('discovers through SD_BEARER_TOKEN/SD_BASIC_AUTH only with the right credentials', async () => {
      for (const job of ['bearer', 'basic']) {
        const [target] = await waitFor(
          `the "${job}" job to scrape secured-a`,
          async () => {
            const active = await prometheus.activeTargets(job);
            return active.length === 1 && active[0].health === 'up' ? active : undefined;
          },
          { timeoutMs: 60_000 },
        );
        expect(target.discoveredLabels.__meta_registry_application_uuid).toBe('secured-a');
      }
      // The failing jobs have tried for as long as the others took to succeed.
      expect(await prometheus.activeTargets('anonymous')).toEqual([]);
      expect(await prometheus.activeTargets('wrong-token')).toEqual([]);
      const discovered = (job: string) =>
        prometheus.ownMetric('prometheus_sd_discovered_targets', { config: job, name: 'scrape' });
      expect(await discovered('bearer')).toBe(1);
      expect(await discovered('basic')).toBe(1);
      expect(await discovered('anonymous')).toBe(0);
      expect(await discovered('wrong-token')).toBe(0);
      // Both registries were caught up before Prometheus started, so its SD failures are the 401s
      // (in Prometheus 2.42 this counter has no per-job label), which the registry counts too.
      expect(await prometheus.ownMetric('prometheus_sd_http_failures_total')).toBeGreaterThan(0);
      const registryMetrics = await (await fetch(`${secured.url}/metrics`)).text();
      expect(
        sumSamples(registryMetrics, 'metrics_registry_sd_requests_total', { code: '401' }),
      ).toBeGreaterThan(0);
    });
  },
);
