/**
 * The Helm chart, checked without a cluster: `helm lint`, `helm template` rendered and parsed, the
 * rendered manifests validated against the Kubernetes API schemas (kubernetes-validate), and the
 * environment the container would get fed to the registry's own configuration loader.
 * Run by scripts/chart-test.sh (npm run test:chart), which installs helm and kubernetes-validate.
 */
import { spawn, spawnSync } from 'child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '../../src/config/environment';
import { loadRegistryConfig, RegistryConfig } from '../../src/config/registry.config';

const ROOT = join(__dirname, '..', '..');
const CHART = join(ROOT, 'helm', 'metrics-registry');
const ALL_FEATURES = ['-f', join(CHART, 'ci', 'all-features-values.yaml')];
const HELM = process.env.HELM ?? join(ROOT, '.tools', 'bin', 'helm');
const KUBERNETES_VALIDATE =
  process.env.KUBERNETES_VALIDATE ?? join(ROOT, '.tools', 'venv', 'bin', 'kubernetes-validate');
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
/** The chart's kubeVersion floor and the newest API schemas kubernetes-validate ships. */
const KUBERNETES_VERSIONS = ['1.25.0', '1.37.0'];
const RELEASE = 'rel';
const NAMESPACE = 'monitoring';
const FULLNAME = 'rel-metrics-registry';
const SELECTOR = {
  'app.kubernetes.io/name': 'metrics-registry',
  'app.kubernetes.io/instance': RELEASE,
};

/** SPEC §4 from the environment table; the chart sets no alias (KAFKA_BROKER). */
const SPEC_VARIABLES = ENVIRONMENT_VARIABLES.map((v) => v.name);

interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
  securityContext: SecurityContext;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext: SecurityContext;
  containers: Container[];
  volumes?: {
    name: string;
    emptyDir?: { sizeLimit?: string };
    secret?: { secretName: string; defaultMode?: number };
  }[];
  restartPolicy?: string;
}
interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    strategy: { type: string; rollingUpdate: { maxUnavailable: number; maxSurge: number } };
    selector: { matchLabels: Record<string, string> };
    template: { metadata: Metadata; spec: PodSpec };
  };
}
interface Pod extends Manifest {
  spec: PodSpec;
}
interface Service extends Manifest {
  spec: {
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string | number }[];
  };
}
interface Data extends Manifest {
  data?: Record<string, string>;
}
interface ServiceAccount extends Manifest {
  automountServiceAccountToken?: boolean;
}
interface Selecting extends Manifest {
  spec: { selector?: { matchLabels: Record<string, string> } };
}
interface HorizontalPodAutoscaler extends Manifest {
  spec: {
    scaleTargetRef: { kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
  };
}
interface ServiceMonitor extends Manifest {
  spec: {
    selector: { matchLabels: Record<string, string> };
    endpoints: { port: string; path: string }[];
  };
}
interface NetworkPolicy extends Manifest {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    policyTypes: string[];
    ingress: { ports: { port: string | number }[]; from?: object[] }[];
    egress?: { ports: { port: number; protocol: string }[]; to?: object[] }[];
  };
}

function helm(args: string[]): { status: number | null; stdout: string; output: string } {
  const result = spawnSync(HELM, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run ${HELM} (npm run test:chart installs it)`);
  return { status: result.status, stdout: result.stdout, output: result.stdout + result.stderr };
}

function renderText(...args: string[]): string {
  const result = helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args]);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.output}`);
  return result.stdout;
}

function render(...args: string[]): Manifest[] {
  return parseAllDocuments(renderText(...args))
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function find<T extends Manifest>(manifests: Manifest[], kind: string, name = FULLNAME): T {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} among ${manifests.map((m) => m.kind).join(', ')}`);
  return found as T;
}

function registryContainer(manifests: Manifest[]): Container {
  return find<Deployment>(manifests, 'Deployment').spec.template.spec.containers[0];
}

/** The environment Kubernetes would give the registry container: envFrom sources, then env. */
function containerEnvironment(manifests: Manifest[]): Record<string, string> {
  const env: Record<string, string> = {};
  const container = registryContainer(manifests);
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      Object.assign(env, find<Data>(manifests, 'ConfigMap', source.configMapRef.name).data);
    }
    if (source.secretRef) {
      const secret = find<Data>(manifests, 'Secret', source.secretRef.name);
      for (const [key, value] of Object.entries(secret.data ?? {})) {
        env[key] = Buffer.from(value, 'base64').toString('utf8');
      }
    }
  }
  for (const entry of container.env ?? []) env[entry.name] = entry.value ?? '';
  return env;
}

function selects(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** NOTES.txt as `helm install` prints it; `helm template` leaves it out, so a copy goes through tpl. */
function renderNotes(...args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'chart-notes-'));
  try {
    const chart = join(dir, 'metrics-registry');
    cpSync(CHART, chart, { recursive: true });
    copyFileSync(join(chart, 'templates', 'NOTES.txt'), join(chart, 'notes.txt'));
    writeFileSync(
      join(chart, 'templates', 'notes-render.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n' +
        '  notes: {{ tpl (.Files.Get "notes.txt") . | quote }}\n',
    );
    const result = helm([
      'template',
      RELEASE,
      chart,
      '--namespace',
      NAMESPACE,
      '--show-only',
      'templates/notes-render.yaml',
      ...args,
    ]);
    if (result.status !== 0) throw new Error(`rendering NOTES.txt failed:\n${result.output}`);
    return (parse(result.stdout) as Data).data?.notes ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scrape_configs block of the notes, parsed. */
function notesScrapeConfig(notes: string): {
  scrape_configs: { job_name: string; http_sd_configs: Record<string, unknown>[] }[];
} {
  const lines = notes.split('\n');
  const start = lines.indexOf('scrape_configs:');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return parse(lines.slice(start, end === -1 ? undefined : end).join('\n'));
}

describe('the Helm chart', () => {
  let defaults: Manifest[];
  let allFeatures: Manifest[];

  beforeAll(() => {
    defaults = render();
    allFeatures = render(...ALL_FEATURES);
  });

  describe('metadata', () => {
    it('has appVersion equal to the package version', () => {
      const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as {
        apiVersion: string;
        appVersion: string;
      };
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(chart.apiVersion).toBe('v2');
      expect(chart.appVersion).toBe(pkg.version);
    });

    it.each([
      ['default values', []],
      ['every optional feature', ALL_FEATURES],
    ])('passes helm lint --strict with %s', (_name, args) => {
      const result = helm(['lint', '--strict', CHART, ...args]);
      expect(result.output).toContain('0 chart(s) failed');
      expect(result.status).toBe(0);
    });

    it.each([
      ['a string replica count', ['--set', 'replicaCount=two'], "at '/replicaCount'"],
      [
        'a string for a boolean',
        ['--set-string', 'config.kafka.ssl=yes'],
        "at '/config/kafka/ssl'",
      ],
      ['a string for a port', ['--set-string', 'config.port=4000'], "at '/config/port'"],
      [
        'a broker without a port',
        ['--set', 'config.kafka.brokers={kafka}'],
        "at '/config/kafka/brokers/0'",
      ],
      ['an unknown log level', ['--set', 'config.logLevel=loud'], "at '/config/logLevel'"],
      ['a misspelled key', ['--set', 'config.kafka.broker=kafka:9092'], "'broker' not allowed"],
    ])('rejects %s in lint and in install', (_name, args, message) => {
      const lint = helm(['lint', '--strict', CHART, ...args]);
      expect(lint.status).not.toBe(0);
      expect(lint.output).toContain(message);
      const template = helm(['template', RELEASE, CHART, ...args]);
      expect(template.status).not.toBe(0);
      expect(template.output).toContain(message);
    });
  });

  describe('with default values', () => {
    it('renders the base resources and no optional one', () => {
      expect(defaults.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(
        [
          'ConfigMap',
          'Deployment',
          'PodDisruptionBudget',
          'Service',
          'ServiceAccount',
          `Pod/${FULLNAME}-test-ready`,
        ]
          .map((k) => (k.includes('/') ? k : `${k}/${FULLNAME}`))
          .sort(),
      );
    });

    it('labels every resource with the app.kubernetes.io set', () => {
      for (const manifest of defaults.filter((m) => m.kind !== 'Pod')) {
        expect(manifest.metadata.labels).toMatchObject({
          ...SELECTOR,
          'app.kubernetes.io/version': '0.1.0',
          'app.kubernetes.io/managed-by': 'Helm',
          'helm.sh/chart': 'metrics-registry-0.1.0',
        });
        expect(manifest.metadata.namespace).toBe(NAMESPACE);
      }
    });

    it('selects pods by name and instance only, in the Deployment, Service and PDB', () => {
      const deployment = find<Deployment>(defaults, 'Deployment');
      expect(deployment.spec.selector.matchLabels).toEqual(SELECTOR);
      expect(find<Service>(defaults, 'Service').spec.selector).toEqual(SELECTOR);
      expect(find<Selecting>(defaults, 'PodDisruptionBudget').spec.selector?.matchLabels).toEqual(
        SELECTOR,
      );
      expect(selects(SELECTOR, deployment.spec.template.metadata.labels)).toBe(true);
    });

    it('runs two replicas, rolling one at a time with none unavailable, and a PDB of one', () => {
      const deployment = find<Deployment>(defaults, 'Deployment');
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
      });
      expect(find<Manifest & { spec: object }>(defaults, 'PodDisruptionBudget').spec).toMatchObject(
        { minAvailable: 1 },
      );
    });

    it('runs as a numeric non-root user with a read-only root and no capabilities', () => {
      const pod = find<Deployment>(defaults, 'Deployment').spec.template.spec;
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe(FULLNAME);
      expect(find<ServiceAccount>(defaults, 'ServiceAccount').automountServiceAccountToken).toBe(
        false,
      );
      const container = registryContainer(defaults);
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(container.securityContext.capabilities?.add).toBeUndefined();
      // /tmp is the one writable place.
      expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
      expect(container.resources?.requests).toMatchObject({ cpu: '50m', memory: '128Mi' });
      expect(container.resources?.limits).toMatchObject({ memory: '512Mi' });
    });

    it('probes liveness and startup on /health/live, readiness on /health/ready, on the app port', () => {
      const container = registryContainer(defaults);
      expect(container.image).toBe('metrics-registry:0.1.0');
      expect(container.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }]);
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      const service = find<Service>(defaults, 'Service');
      expect(service.spec.ports).toEqual([
        { name: 'http', port: 4000, targetPort: 'http', protocol: 'TCP' },
      ]);
    });

    it("gives the container SPEC §4's defaults through the ConfigMap, and no Secret", () => {
      expect(find<Data>(defaults, 'ConfigMap').data).toEqual({
        PORT: '4000',
        PROMETHEUS_SD_ENDPOINT: '/prometheus/targets',
        KAFKA_BROKERS: 'kafka:9092',
        KAFKA_CLIENT_ID: 'metrics-registry',
        KAFKA_GROUP_ID: 'metrics-registry',
        KAFKA_SSL: 'false',
        REGISTRY_COMMAND_TOPIC: 'metrics-registry.commands',
        REGISTRY_REGISTER_TOPIC: 'metrics-registry.register',
        REGISTRY_DEREGISTER_TOPIC: 'metrics-registry.deregister',
        REGISTRY_DLQ_TOPIC: 'metrics-registry.dlq',
        REGISTRY_STATE_TOPIC: 'metrics_targets_topic',
        REGISTRY_STATE_PARTITIONS: '1',
        REGISTRY_STATE_REPLICATION: '1',
        REGISTRY_LEASE_SLACK: '0.5',
        REGISTRY_EXPIRY_BRAKE_SHARE: '0.5',
        REGISTRY_EXPIRY_BRAKE_MIN_TARGETS: '10',
        REGISTRY_EXPIRY_BRAKE_HOLD_SECONDS: '600',
        REGISTRY_API_WRITE_TIMEOUT_SECONDS: '10',
        LOG_LEVEL: 'info',
      });
      expect(registryContainer(defaults).envFrom).toEqual([{ configMapRef: { name: FULLNAME } }]);
      const base = new RegistryConfig();
      expect(loadRegistryConfig(containerEnvironment(defaults))).toEqual(
        base.with({ kafka: { ...base.kafka, brokers: ['kafka:9092'] } }),
      );
    });

    it('rolls the pods when the configuration or a credential changes', () => {
      const checksums = (manifests: Manifest[]) =>
        find<Deployment>(manifests, 'Deployment').spec.template.metadata.annotations ?? {};
      const base = checksums(defaults);
      expect(base['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
      expect(base['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);
      const newLevel = checksums(render('--set', 'config.logLevel=debug'));
      expect(newLevel['checksum/config']).not.toBe(base['checksum/config']);
      expect(newLevel['checksum/secret']).toBe(base['checksum/secret']);
      const newToken = checksums(render('--set', 'secrets.sdBearerToken=t0k3n'));
      expect(newToken['checksum/secret']).not.toBe(base['checksum/secret']);
      expect(newToken['checksum/config']).toBe(base['checksum/config']);
    });
  });

  describe('credentials', () => {
    it('puts only the credentials that are set into the Secret the container reads', () => {
      const manifests = render('--set', 'secrets.sdBearerToken=t0k3n');
      expect(find<Data>(manifests, 'Secret').data).toEqual({
        SD_BEARER_TOKEN: Buffer.from('t0k3n').toString('base64'),
      });
      expect(registryContainer(manifests).envFrom).toContainEqual({
        secretRef: { name: FULLNAME },
      });
      expect(loadRegistryConfig(containerEnvironment(manifests)).sdBearerToken).toBe('t0k3n');
    });

    it('reads an existing Secret instead of rendering one', () => {
      const manifests = render(
        '--set',
        'secrets.existingSecret=registry-credentials',
        '--set',
        'secrets.sdBearerToken=ignored',
      );
      expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
      expect(registryContainer(manifests).envFrom).toEqual([
        { configMapRef: { name: FULLNAME } },
        { secretRef: { name: 'registry-credentials' } },
      ]);
    });
  });

  describe('with every optional feature', () => {
    /**
     * The container's environment with the files of its mounted Secret volumes moved to `dir`,
     * where openssl wrote a certificate (ca.crt, tls.crt) and its key (tls.key).
     */
    function withMountedTlsFiles(env: Record<string, string>, dir: string): Record<string, string> {
      const key = join(dir, 'tls.key');
      const cert = join(dir, 'tls.crt');
      spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=chart-test',
      ]);
      copyFileSync(cert, join(dir, 'ca.crt'));
      const spec = find<Deployment>(allFeatures, 'Deployment').spec.template.spec;
      const secretMounts = (registryContainer(allFeatures).volumeMounts ?? []).filter((mount) =>
        spec.volumes?.some((v) => v.name === mount.name && v.secret !== undefined),
      );
      return Object.fromEntries(
        Object.entries(env).map(([name, value]) => {
          const mount = secretMounts.find((m) => value.startsWith(`${m.mountPath}/`));
          return [name, mount ? join(dir, value.slice(mount.mountPath.length + 1)) : value];
        }),
      );
    }

    it('mounts the Kafka TLS Secret read-only where KAFKA_SSL_*_FILE point', () => {
      const env = containerEnvironment(allFeatures);
      const dir = '/etc/metrics-registry/kafka-tls';
      expect([env.KAFKA_SSL_CA_FILE, env.KAFKA_SSL_CERT_FILE, env.KAFKA_SSL_KEY_FILE]).toEqual([
        `${dir}/ca.crt`,
        `${dir}/tls.crt`,
        `${dir}/tls.key`,
      ]);
      expect(registryContainer(allFeatures).volumeMounts).toContainEqual({
        name: 'kafka-tls',
        mountPath: dir,
        readOnly: true,
      });
      const { volumes } = find<Deployment>(allFeatures, 'Deployment').spec.template.spec;
      expect(volumes).toContainEqual({
        name: 'kafka-tls',
        secret: { secretName: 'kafka-client-tls', defaultMode: 0o440 },
      });
      expect(registryContainer(defaults).volumeMounts?.map((m) => m.name)).toEqual(['tmp']);
    });

    it('hands the container every SPEC §4 variable, accepted by the registry', () => {
      const tlsDir = mkdtempSync(join(tmpdir(), 'chart-tls-'));
      const env = withMountedTlsFiles(containerEnvironment(allFeatures), tlsDir);
      expect(
        Object.keys(env)
          .filter((k) => k !== 'NODE_OPTIONS')
          .sort(),
      ).toEqual([...SPEC_VARIABLES].sort());
      const config = loadRegistryConfig(env);
      expect(config).toMatchObject({
        port: 8080,
        sdEndpoint: '/sd/targets',
        kafka: {
          brokers: ['kafka-0.kafka-headless:9093', 'kafka-1.kafka-headless:9093'],
          clientId: 'registry-ci',
          groupId: 'registry-ci',
          ssl: true,
          sslFiles: {
            ca: { file: join(tlsDir, 'ca.crt') },
            cert: { file: join(tlsDir, 'tls.crt') },
            key: { file: join(tlsDir, 'tls.key') },
          },
          sasl: { mechanism: 'scram-sha-512', username: 'registry', password: 's3cret' },
        },
        statePartitions: 3,
        stateReplication: 3,
        metricsPort: 9464,
        sdBearerToken: 'sd-token',
        sdBasicAuth: { username: 'prometheus', password: 'sd-password' },
        apiToken: 'api-token',
        logLevel: 'debug',
      });
      const container = registryContainer(allFeatures);
      expect(container.image).toBe('registry.example.com/platform/metrics-registry:0.1.0-rc.1');
      expect(container.ports).toEqual([
        { name: 'http', containerPort: config.port, protocol: 'TCP' },
        { name: 'metrics', containerPort: config.metricsPort, protocol: 'TCP' },
      ]);
      expect(container.env).toEqual([{ name: 'NODE_OPTIONS', value: '--max-old-space-size=384' }]);
      rmSync(tlsDir, { recursive: true, force: true });
    });

    it('scales with an HPA on the Deployment instead of a fixed replica count', () => {
      expect(find<Deployment>(allFeatures, 'Deployment').spec.replicas).toBeUndefined();
      const hpa = find<HorizontalPodAutoscaler>(allFeatures, 'HorizontalPodAutoscaler');
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec).toMatchObject({
        scaleTargetRef: { kind: 'Deployment', name: FULLNAME },
        minReplicas: 3,
        maxReplicas: 6,
      });
      expect(find<Manifest & { spec: object }>(allFeatures, 'PodDisruptionBudget').spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: SELECTOR },
      });
    });

    it("scrapes the registry's own /metrics on its metrics port with a ServiceMonitor", () => {
      const monitor = find<ServiceMonitor>(allFeatures, 'ServiceMonitor');
      expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(monitor.metadata.labels).toMatchObject({ release: 'prometheus' });
      expect(monitor.spec.selector.matchLabels).toEqual(SELECTOR);
      expect(monitor.spec.endpoints).toEqual([
        { port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' },
      ]);
      const service = find<Service>(allFeatures, 'Service');
      expect(service.spec.ports.map((p) => [p.name, p.port, p.targetPort])).toEqual([
        ['http', 80, 'http'],
        ['metrics', 9464, 'metrics'],
      ]);
    });

    it('admits only the registry ports, and lets out only DNS and Kafka, with a NetworkPolicy', () => {
      const policy = find<NetworkPolicy>(allFeatures, 'NetworkPolicy');
      expect(policy.spec.podSelector.matchLabels).toEqual(SELECTOR);
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policy.spec.ingress).toHaveLength(1);
      expect(policy.spec.ingress[0].ports.map((p) => p.port)).toEqual(['http', 'metrics']);
      // The monitoring namespace, and the release's helm test pod.
      expect(policy.spec.ingress[0].from).toHaveLength(2);
      expect(policy.spec.egress?.flatMap((rule) => rule.ports.map((p) => p.port))).toEqual([
        53, 53, 9093,
      ]);
    });
  });

  describe('helm test', () => {
    it('asks /health/ready through the Service with the registry image, and is not selected by it', () => {
      const pod = find<Pod>(defaults, 'Pod', `${FULLNAME}-test-ready`);
      expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
      expect(selects(SELECTOR, pod.metadata.labels)).toBe(false);
      expect(pod.spec.restartPolicy).toBe('Never');
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      const [container] = pod.spec.containers;
      expect(container.image).toBe(registryContainer(defaults).image);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.command?.at(-1)).toBe(`http://${FULLNAME}:4000/health/ready`);
    });

    describe('its script', () => {
      let server: Server;
      let status = 200;
      beforeAll(async () => {
        server = createServer((req, res) => {
          res.writeHead(req.url === '/health/ready' ? status : 404).end('{}');
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      });
      afterAll(() => new Promise((resolve) => server.close(resolve)));

      it.each([
        [200, 0],
        [503, 1],
      ])('exits 0 only on 200: /health/ready answers %s → exit %s', async (answer, exitCode) => {
        status = answer;
        const [command, ...args] =
          find<Pod>(defaults, 'Pod', `${FULLNAME}-test-ready`).spec.containers[0].command ?? [];
        expect(command).toBe('node');
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/ready`;
        // Asynchronously: this process serves the answer.
        const child = spawn(process.execPath, [...args.slice(0, -1), url], { stdio: 'ignore' });
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect(code).toBe(exitCode);
      });
    });
  });

  describe('NOTES.txt', () => {
    it('prints the http_sd_configs of the installed release', () => {
      const notes = renderNotes();
      expect(notesScrapeConfig(notes)).toEqual({
        scrape_configs: [
          {
            job_name: 'registry-targets',
            http_sd_configs: [
              {
                url: `http://${FULLNAME}.${NAMESPACE}.svc:4000/prometheus/targets`,
                refresh_interval: '30s',
              },
            ],
          },
        ],
      });
      expect(notes).toContain(`helm test ${RELEASE} -n ${NAMESPACE}`);
    });

    it('follows the Service port, the SD path and the SD credential', () => {
      const sd = notesScrapeConfig(renderNotes(...ALL_FEATURES)).scrape_configs[0]
        .http_sd_configs[0];
      expect(sd).toEqual({
        url: `http://${FULLNAME}.${NAMESPACE}.svc:80/sd/targets`,
        refresh_interval: '30s',
        authorization: { credentials_file: '/etc/prometheus/secrets/metrics-registry-sd-token' },
      });
    });

    it('is a configuration Prometheus accepts', () => {
      const dir = mkdtempSync(join(tmpdir(), 'chart-notes-'));
      try {
        for (const [name, args] of [
          ['default', []],
          ['all', ALL_FEATURES],
          ['basic', ['--set', 'secrets.sdBasicAuth=prometheus:pw']],
        ] as const) {
          const file = join(dir, `${name}.yml`);
          writeFileSync(file, JSON.stringify(notesScrapeConfig(renderNotes(...args))));
          const check = spawnSync(PROMTOOL, ['check', 'config', '--syntax-only', file], {
            encoding: 'utf8',
          });
          if (check.error) throw new Error(`cannot run ${PROMTOOL} (Debian's prometheus package)`);
          expect(`${name}: ${check.stdout}${check.stderr}`).toContain('SUCCESS');
          expect(check.status).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('against the Kubernetes API schemas', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'chart-validate-'));
      writeFileSync(join(dir, 'default.yaml'), renderText());
      writeFileSync(join(dir, 'all-features.yaml'), renderText(...ALL_FEATURES));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(KUBERNETES_VERSIONS)(
      'validates every rendered manifest for Kubernetes %s',
      (version) => {
        expect(existsSync(KUBERNETES_VALIDATE)).toBe(true);
        const files = [join(dir, 'default.yaml'), join(dir, 'all-features.yaml')];
        const run = spawnSync(KUBERNETES_VALIDATE, ['--strict', '-k', version, ...files], {
          encoding: 'utf8',
        });
        const output = `${run.stdout}${run.stderr}`;
        expect(output).not.toContain('ERROR');
        expect(run.status).toBe(0);
        // Everything but the prometheus-operator kinds, whose CRD schemas are not among Kubernetes'
        // own (operator-wiring.spec checks the ScrapeConfig and PrometheusRule against theirs).
        const CRD_KINDS = ['ServiceMonitor', 'ScrapeConfig', 'PrometheusRule'];
        const passed = output.split('\n').filter((line) => line.includes(' passed for resource '));
        const kinds = [...defaults, ...allFeatures].filter((m) => !CRD_KINDS.includes(m.kind));
        expect(passed).toHaveLength(kinds.length);
      },
    );
  });
});
