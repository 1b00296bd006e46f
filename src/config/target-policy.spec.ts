import { loadRegistryConfig } from './registry.config';
import {
  DEFAULT_DENIED_HOSTS,
  bindAddress,
  deniedHostPatterns,
  hostPatterns,
  portRanges,
} from './target-policy';

const NAME = 'REGISTRY_ALLOWED_HOSTS';

describe('the target policy variables', () => {
  it('read names, *.suffix wildcards, addresses and CIDR networks, in lower case without a trailing dot', () => {
    expect(
      hostPatterns('Shdr-Gateway, *.Apps.Example.COM., 10.0.0.0/8, 192.0.2.7, FD00::/8, ::1', NAME),
    ).toEqual([
      { kind: 'name', name: 'shdr-gateway' },
      { kind: 'suffix', suffix: '.apps.example.com' },
      { kind: 'network', address: '10.0.0.0', prefixLength: 8 },
      { kind: 'network', address: '192.0.2.7', prefixLength: 32 },
      { kind: 'network', address: 'fd00::', prefixLength: 8 },
      { kind: 'network', address: '::1', prefixLength: 128 },
    ]);
  });

  it.each([
    ['a,,b', 'has an empty entry'],
    ['*', 'which is not a host name'],
    ['*.', 'which is not a host name'],
    ['http://a', 'which is not a host name'],
    ['a b', 'which is not a host name'],
    ['2130706433', 'which is not a host name'],
    ['0177.0.0.1', 'which is not a host name'],
    ['0x7f.1', 'which is not a host name'],
    ['999.999.999.999', 'which is not a host name'],
    ['*.10.0.0.1', 'which is not a host name'],
    ['10.0.0.0/33', 'prefix length is not 0 to 32'],
    ['fe80::/129', 'prefix length is not 0 to 128'],
    ['10.0.0.0/', 'prefix length is not 0 to 32'],
    ['10.0.0.0/8/8', 'prefix length is not 0 to 32'],
    ['10.0.0/8', 'which is not a host name'],
    ['fe80::1%eth0', 'which is not a host name'],
    ['none', 'leave it unset to allow any host'],
  ])('stop startup for REGISTRY_ALLOWED_HOSTS=%j naming the variable', (value, reason) => {
    expect(() => loadRegistryConfig({ REGISTRY_ALLOWED_HOSTS: value })).toThrow(
      new RegExp(`^invalid configuration: ${NAME} .*${reason.replace(/[.*]/g, '\\$&')}`),
    );
  });

  it('deny the default entries unless the list starts with none, and add the others', () => {
    const defaults = deniedHostPatterns(DEFAULT_DENIED_HOSTS, 'REGISTRY_DENIED_HOSTS');
    expect(defaults).toContainEqual({ kind: 'network', address: '169.254.0.0', prefixLength: 16 });
    expect(defaults).toContainEqual({ kind: 'network', address: '127.0.0.0', prefixLength: 8 });
    expect(defaults).toContainEqual({ kind: 'network', address: '::', prefixLength: 128 });
    expect(defaults).toContainEqual({ kind: 'name', name: 'localhost' });
    expect(loadRegistryConfig({}).targetPolicy).toEqual({
      allowedHosts: null,
      allowedPorts: null,
      deniedHosts: defaults,
    });
    expect(deniedHostPatterns('10.0.0.0/8', 'D')).toEqual([
      ...defaults,
      { kind: 'network', address: '10.0.0.0', prefixLength: 8 },
    ]);
    expect(deniedHostPatterns('127.0.0.0/8', 'D')).toEqual(defaults);
    expect(deniedHostPatterns('none', 'D')).toEqual([]);
    expect(deniedHostPatterns('NONE, 169.254.169.254', 'D')).toEqual([
      { kind: 'network', address: '169.254.169.254', prefixLength: 32 },
    ]);
    expect(() => deniedHostPatterns('10.0.0.0/8,none', 'D')).toThrow(
      'invalid configuration: D may have "none" only as its first entry',
    );
  });

  it('read ports and ranges', () => {
    expect(portRanges('9100-9199, 8080', 'P')).toEqual([
      { from: 9100, to: 9199 },
      { from: 8080, to: 8080 },
    ]);
    for (const bad of ['0', '65536', '9200-9100', 'http', '80-', '-80', '1-2-3']) {
      expect(() => portRanges(bad, 'P')).toThrow(/^invalid configuration: P has /);
    }
  });

  it('take HOST as an address or a host name', () => {
    expect(bindAddress('::', 'HOST')).toBe('::');
    expect(bindAddress('127.0.0.1', 'HOST')).toBe('127.0.0.1');
    expect(bindAddress('localhost', 'HOST')).toBe('localhost');
    expect(() => bindAddress('0.0.0.0:4000', 'HOST')).toThrow(/^invalid configuration: HOST /);
    expect(loadRegistryConfig({}).host).toBe('0.0.0.0');
    expect(loadRegistryConfig({ HOST: '::' }).host).toBe('::');
  });

  it('map into the configuration', () => {
    const config = loadRegistryConfig({
      REGISTRY_ALLOWED_HOSTS: '*.svc.cluster.local',
      REGISTRY_ALLOWED_PORTS: '9100-9199',
      REGISTRY_DENIED_HOSTS: 'none',
    });
    expect(config.targetPolicy).toEqual({
      allowedHosts: [{ kind: 'suffix', suffix: '.svc.cluster.local' }],
      allowedPorts: [{ from: 9100, to: 9199 }],
      deniedHosts: [],
    });
  });
});
