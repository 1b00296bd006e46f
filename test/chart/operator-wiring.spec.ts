/**
 * The chart's Prometheus Operator wiring: the ScrapeConfig (checked with kubeconform against the
 * operator's own CRD schema), the PrometheusRule (promtool check rules) and the Grafana dashboard
 * (every PromQL expression parsed by promtool). Run by scripts/chart-test.sh, which builds
 * kubeconform and fetches the CRDs into .cache/.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments, stringify } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const CHART = join(ROOT, 'helm', 'metrics-registry');
const HELM = process.env.HELM ?? join(ROOT, '.tools', 'bin', 'helm');
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const KUBECONFORM = process.env.KUBECONFORM ?? join(ROOT, '.tools', 'bin', 'kubeconform');
const CRDS =
  process.env.PROMETHEUS_OPERATOR_CRDS ?? join(ROOT, '.cache', 'prometheus-operator', 'v0.85.0');
const FULLNAME = 'rel-metrics-registry';
const SD = `http://${FULLNAME}.monitoring.svc:4000/prometheus/targets`;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface HttpSd {
  url: string;
  refreshInterval: string;
  authorization?: { type: string; credentials: { name: string; key: string } };
  basicAuth?: { username: { name: string; key: string }; password: { name: string; key: string } };
}
interface Rule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function renderText(...args: string[]): string {
  const result = spawnSync(HELM, ['template', 'rel', CHART, '--namespace', 'monitoring', ...args], {
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`cannot run ${HELM} (npm run test:chart installs it)`);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return result.stdout;
}

function render(...args: string[]): Manifest[] {
  return parseAllDocuments(renderText(...args))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const ON = [
  '--set',
  'scrapeConfig.enabled=true',
  '--set',
  'prometheusRule.enabled=true',
  '--set',
  'grafanaDashboard.enabled=true',
];

function ofKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

function sdConfigs(manifest: Manifest): HttpSd[] {
  return (manifest.spec as { httpSDConfigs: HttpSd[] }).httpSDConfigs;
}

function rulesOf(manifests: Manifest[]): Rule[] {
  const [rule] = ofKind(manifests, 'PrometheusRule');
  return (rule.spec as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
}

/** The PromQL of every dashboard panel, with Grafana's variables as Prometheus would get them. */
function dashboardExprs(manifests: Manifest[]): string[] {
  const map = manifests.find(
    (m) => m.kind === 'ConfigMap' && m.metadata.name.endsWith('-dashboard'),
  );
  const dashboard = JSON.parse(map!.data!['metrics-registry.json']) as {
    panels: { targets: { expr: string }[] }[];
  };
  return dashboard.panels
    .flatMap((p) => p.targets.map((t) => t.expr))
    .map((expr) => expr.replace(/\$__rate_interval/g, '5m').replace(/\$\{?job\}?/g, '.*'));
}

function promtoolCheckRules(groups: unknown): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chart-rules-'));
  try {
    const file = join(dir, 'rules.yml');
    writeFileSync(file, stringify({ groups }));
    const run = spawnSync(PROMTOOL, ['check', 'rules', file], { encoding: 'utf8' });
    if (run.error) throw new Error(`cannot run ${PROMTOOL} (Debian's prometheus package)`);
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A CRD's openAPIV3Schema as the JSON schema kubeconform reads, strict as the API server is:
 * an object with properties takes no other field unless the CRD keeps unknown fields.
 */
function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = strictSchema(value);
  if (
    out.properties !== undefined &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function kubeconform(manifests: Manifest[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'chart-crds-'));
  try {
    for (const crd of ['scrapeconfigs', 'prometheusrules']) {
      const definition = parse(
        readFileSync(join(CRDS, `monitoring.coreos.com_${crd}.yaml`), 'utf8'),
      ) as {
        spec: {
          names: { kind: string };
          versions: { name: string; schema: { openAPIV3Schema: object } }[];
        };
      };
      for (const version of definition.spec.versions) {
        const name = `${definition.spec.names.kind.toLowerCase()}_${version.name}.json`;
        writeFileSync(
          join(dir, name),
          JSON.stringify(strictSchema(version.schema.openAPIV3Schema)),
        );
      }
    }
    const input = join(dir, 'objects.yaml');
    writeFileSync(input, manifests.map((m) => stringify(m)).join('---\n'));
    const run = spawnSync(
      KUBECONFORM,
      [
        '-strict',
        '-summary',
        '-schema-location',
        join(dir, '{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'),
        input,
      ],
      { encoding: 'utf8' },
    );
    if (run.error) throw new Error(`cannot run ${KUBECONFORM} (npm run test:chart builds it)`);
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Prometheus Operator wiring', () => {
  it('is off by default', () => {
    const kinds = render().map((m) => m.kind);
    expect(kinds).not.toContain('ScrapeConfig');
    expect(kinds).not.toContain('PrometheusRule');
    expect(render().filter((m) => m.metadata.name.endsWith('-dashboard'))).toEqual([]);
  });

  describe('ScrapeConfig', () => {
    it("points Prometheus' HTTP SD at the registry's Service", () => {
      const [scrape, ...more] = ofKind(
        render(...ON, '--set', 'scrapeConfig.labels.release=prometheus'),
        'ScrapeConfig',
      );
      expect(more).toEqual([]);
      expect(scrape.apiVersion).toBe('monitoring.coreos.com/v1alpha1');
      expect(scrape.metadata.labels).toMatchObject({ release: 'prometheus' });
      expect(sdConfigs(scrape)).toEqual([{ url: SD, refreshInterval: '30s' }]);
    });

    it('splits the targets over N Prometheus servers with ?shard, one ScrapeConfig each', () => {
      const scrapes = ofKind(render(...ON, '--set', 'scrapeConfig.shards=3'), 'ScrapeConfig');
      expect(
        scrapes.map((s) => [s.metadata.name, s.metadata.labels?.['metrics-registry.io/shard']]),
      ).toEqual([
        [`${FULLNAME}-shard-0`, '0'],
        [`${FULLNAME}-shard-1`, '1'],
        [`${FULLNAME}-shard-2`, '2'],
      ]);
      expect(scrapes.map((s) => sdConfigs(s)[0].url)).toEqual(
        [0, 1, 2].map((i) => `${SD}?shard=${i}&shards=3`),
      );
    });

    it("sends SD_BEARER_TOKEN from the chart's Secret", () => {
      const [scrape] = ofKind(
        render(...ON, '--set', 'secrets.sdBearerToken=t0k3n'),
        'ScrapeConfig',
      );
      expect(sdConfigs(scrape)[0].authorization).toEqual({
        type: 'Bearer',
        credentials: { name: FULLNAME, key: 'SD_BEARER_TOKEN' },
      });
    });

    it('sends SD_BASIC_AUTH from a Secret with the user and password apart', () => {
      const manifests = render(...ON, '--set', 'secrets.sdBasicAuth=prom:pa:ss');
      const [scrape] = ofKind(manifests, 'ScrapeConfig');
      const secret = manifests.find((m) => m.metadata.name === `${FULLNAME}-sd-client`)!;
      expect(sdConfigs(scrape)[0].basicAuth).toEqual({
        username: { name: `${FULLNAME}-sd-client`, key: 'username' },
        password: { name: `${FULLNAME}-sd-client`, key: 'password' },
      });
      const decoded = Object.fromEntries(
        Object.entries(secret.data!).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
      );
      expect(decoded).toEqual({ username: 'prom', password: 'pa:ss' });
    });

    it('sends the credential of an existing Secret when named', () => {
      const [scrape] = ofKind(
        render(
          ...ON,
          '--set',
          'secrets.existingSecret=mine',
          '--set',
          'scrapeConfig.auth.bearerToken.secretName=mine',
        ),
        'ScrapeConfig',
      );
      expect(sdConfigs(scrape)[0].authorization?.credentials).toEqual({
        name: 'mine',
        key: 'SD_BEARER_TOKEN',
      });
    });

    it("validates against the Prometheus Operator's CRD schema, which catches a wrong field", () => {
      const manifests = render('-f', join(CHART, 'ci', 'all-features-values.yaml')).filter(
        (m) => m.kind === 'ScrapeConfig' || m.kind === 'PrometheusRule',
      );
      const basic = ofKind(render(...ON, '--set', 'secrets.sdBasicAuth=u:p'), 'ScrapeConfig');
      expect(manifests.map((m) => m.kind).sort()).toEqual([
        'PrometheusRule',
        'ScrapeConfig',
        'ScrapeConfig',
      ]);
      const valid = kubeconform([...manifests, ...basic]);
      expect(valid.output).toContain('Valid: 4, Invalid: 0, Errors: 0, Skipped: 0');
      expect(valid.status).toBe(0);

      const typo = structuredClone(basic[0]);
      (sdConfigs(typo)[0] as unknown as Record<string, unknown>).refresh_interval = '30s';
      const invalid = kubeconform([typo]);
      expect(invalid.output).toContain('Invalid: 1');
      expect(invalid.status).not.toBe(0);
    });
  });

  describe('PrometheusRule', () => {
    const alerts = [
      'MetricsRegistryNoReadyReplica',
      'MetricsRegistryStateLagGrowing',
      'MetricsRegistryDeadLettersHigh',
      'MetricsRegistryMassExpiry',
      'MetricsRegistryExpiryBrakeEngaged',
      'MetricsRegistryCommandsFailing',
    ];

    it('alerts on each failure mode, with a runbook line in README', () => {
      const rules = rulesOf(
        render(...ON, '--set', 'prometheusRule.runbookUrl=https://example.com/README.md'),
      );
      expect(rules.map((r) => r.alert)).toEqual(alerts);
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      for (const rule of rules) {
        expect(rule.expr).toContain(`job="${FULLNAME}"`);
        expect(['warning', 'critical']).toContain(rule.labels.severity);
        expect(rule.annotations.runbook_url).toBe(
          `https://example.com/README.md#${rule.alert.toLowerCase()}`,
        );
        expect(readme).toContain(`#### ${rule.alert}\n`);
      }
    });

    it('passes promtool check rules, and promtool catches a broken one', () => {
      const [rule] = ofKind(render(...ON), 'PrometheusRule');
      const { groups } = rule.spec as { groups: { rules: Rule[] }[] };
      const check = promtoolCheckRules(groups);
      expect(check.output).toContain(`SUCCESS: ${alerts.length} rules found`);
      expect(check.status).toBe(0);
      const broken = structuredClone(groups);
      broken[0].rules[0].expr = 'sum(metrics_registry_ready{';
      expect(promtoolCheckRules(broken).status).not.toBe(0);
    });

    it('takes its thresholds and job from values', () => {
      const rules = rulesOf(
        render(
          ...ON,
          '--set',
          'prometheusRule.job=registry',
          '--set-json',
          'prometheusRule.deadLettersPerSecond=2.5',
        ),
      );
      const dlq = rules.find((r) => r.alert === 'MetricsRegistryDeadLettersHigh')!;
      expect(dlq.expr).toBe(
        'sum(rate(metrics_registry_dead_letters_total{job="registry"}[5m])) > 2.5',
      );
    });
  });

  describe('Grafana dashboard', () => {
    it('is a ConfigMap the Grafana sidecar picks up', () => {
      const map = render(...ON, '--set', 'grafanaDashboard.folder=Platform').find((m) =>
        m.metadata.name.endsWith('-dashboard'),
      )!;
      expect(map.kind).toBe('ConfigMap');
      expect(map.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      expect(map.metadata.annotations).toEqual({ grafana_folder: 'Platform' });
      const dashboard = JSON.parse(map.data!['metrics-registry.json']) as {
        uid: string;
        panels: { title: string }[];
      };
      expect(dashboard.uid).toBe('metrics-registry');
      expect(dashboard.panels.map((p) => p.title)).toEqual(
        expect.arrayContaining([
          'Targets served',
          'Commands by outcome',
          'State topic lag',
          'SD requests by code',
          'HTTP latency, p50 and p99',
          'Rejections (dead letters) and expired leases',
        ]),
      );
    });

    it('has only PromQL that promtool parses', () => {
      const exprs = dashboardExprs(render(...ON));
      expect(exprs.length).toBeGreaterThan(10);
      const check = promtoolCheckRules([
        {
          name: 'dashboard',
          rules: exprs.map((expr, i) => ({ record: `dashboard:expr_${i}`, expr })),
        },
      ]);
      expect(check.output).toContain(`SUCCESS: ${exprs.length} rules found`);
      expect(check.status).toBe(0);
    });
  });
});
