import { HostPattern, TargetPolicy, targetPolicyProblem } from './target.policy';

const name = (n: string): HostPattern => ({ kind: 'name', name: n });
const suffix = (s: string): HostPattern => ({ kind: 'suffix', suffix: s });
const network = (address: string, prefixLength: number): HostPattern => ({
  kind: 'network',
  address,
  prefixLength,
});

/** The shape the configuration gives for the default REGISTRY_DENIED_HOSTS (config spec). */
const DEFAULT_DENIED: HostPattern[] = [
  network('127.0.0.0', 8),
  network('::1', 128),
  network('0.0.0.0', 8),
  network('::', 128),
  network('169.254.0.0', 16),
  network('fe80::', 10),
  name('localhost'),
  suffix('.localhost'),
];

const DENY_DEFAULTS: TargetPolicy = {
  allowedHosts: null,
  allowedPorts: null,
  deniedHosts: DEFAULT_DENIED,
};

const STRICT: TargetPolicy = {
  allowedHosts: [
    suffix('.svc.cluster.local'),
    name('gateway'),
    network('10.0.0.0', 8),
    network('fd00::', 8),
  ],
  allowedPorts: [
    { from: 9100, to: 9199 },
    { from: 8080, to: 8080 },
  ],
  deniedHosts: [...DEFAULT_DENIED, network('10.9.0.0', 16), name('db.svc.cluster.local')],
};

const problem = (policy: TargetPolicy, host: string, port = 9100) =>
  targetPolicyProblem(policy, { host, port });

describe('targetPolicyProblem', () => {
  it.each([
    ['127.0.0.1', '127.0.0.0/8'],
    ['127.255.0.9', '127.0.0.0/8'],
    ['::ffff:127.0.0.1', '127.0.0.0/8'],
    ['::FFFF:7F00:1', '127.0.0.0/8'],
    ['0:0:0:0:0:ffff:7f00:0001', '127.0.0.0/8'],
    ['::1', '::1'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['0.0.0.0', '0.0.0.0/8'],
    ['::', '::'],
    ['169.254.169.254', '169.254.0.0/16'],
    ['::ffff:169.254.169.254', '169.254.0.0/16'],
    ['fe80::1', 'fe80::/10'],
    ['FEBF::abcd', 'fe80::/10'],
    ['localhost', 'localhost'],
    ['LocalHost', 'localhost'],
    ['localhost.', 'localhost'],
    ['app.localhost', '*.localhost'],
  ])('denies %s by the default entry %s', (host, entry) => {
    expect(problem(DENY_DEFAULTS, host)).toBe(`host: denied by REGISTRY_DENIED_HOSTS (${entry})`);
  });

  it.each([
    ['10.0.0.7'],
    ['2001:db8::1'],
    ['::127.0.0.1'],
    ['localhost1'],
    ['mylocalhost'],
    ['fec0::1'],
  ])('leaves %s to the allow list', (host) => {
    expect(problem(DENY_DEFAULTS, host)).toBeNull();
  });

  it.each([
    ['app.svc.cluster.local', 9100, null],
    ['APP.SVC.Cluster.Local.', 9199, null],
    ['gateway', 8080, null],
    ['10.1.2.3', 9150, null],
    ['::ffff:10.1.2.3', 9150, null],
    ['fd12::1', 9100, null],
    ['svc.cluster.local', 9100, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    ['app.svc.cluster.local.evil.com', 9100, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    ['gateway2', 9100, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    ['11.0.0.1', 9100, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    ['fe00::1', 9100, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    ['10.9.0.1', 9100, 'host: denied by REGISTRY_DENIED_HOSTS (10.9.0.0/16)'],
    ['DB.svc.cluster.local', 9100, 'host: denied by REGISTRY_DENIED_HOSTS (db.svc.cluster.local)'],
    ['127.0.0.1', 9100, 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)'],
    ['gateway', 9200, 'port: not allowed by REGISTRY_ALLOWED_PORTS'],
    ['gateway', 9099, 'port: not allowed by REGISTRY_ALLOWED_PORTS'],
    ['gateway', 8081, 'port: not allowed by REGISTRY_ALLOWED_PORTS'],
    ['127.0.0.1', 1, 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)'],
  ])('with allow lists, %s:%i → %j', (host, port, expected) => {
    expect(problem(STRICT, host, port)).toBe(expected);
  });

  it('allows everything when nothing is configured', () => {
    const open: TargetPolicy = { allowedHosts: null, allowedPorts: null, deniedHosts: [] };
    for (const host of ['127.0.0.1', '::1', 'localhost', '169.254.169.254']) {
      expect(problem(open, host, 1)).toBeNull();
    }
  });

  it('allows nothing with an empty allow list', () => {
    const none: TargetPolicy = { allowedHosts: [], allowedPorts: [], deniedHosts: [] };
    expect(problem(none, 'a')).toBe('host: not allowed by REGISTRY_ALLOWED_HOSTS');
  });
});
