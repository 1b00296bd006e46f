import type { Registration } from '../target/registration';
import { sdTargetGroup, targetAddress } from '../target/sd-target-group';
import { renderSdBody } from './sd-body';

function registration(
  overrides: Partial<Registration> & { applicationUuid: string },
): Registration {
  return {
    host: 'shdr-gateway',
    port: 4000,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt: null,
    updatedAt: null,
    ...overrides,
  };
}

describe('targetAddress', () => {
  it('writes host:port for names and IPv4, and brackets an IPv6 address', () => {
    expect(targetAddress('shdr-gateway', 4000)).toBe('shdr-gateway:4000');
    expect(targetAddress('10.1.2.3', 9100)).toBe('10.1.2.3:9100');
    expect(targetAddress('::1', 9100)).toBe('[::1]:9100');
    expect(targetAddress('2001:db8::8a2e:370:7334', 443)).toBe('[2001:db8::8a2e:370:7334]:443');
  });
});

describe('renderSdBody', () => {
  it('renders nothing registered as []', () => {
    expect(renderSdBody([])).toBe('[]');
  });

  it('renders the exact SPEC §3.1 JSON: one group per registration, labels in a fixed order', () => {
    const body = renderSdBody([
      registration({
        applicationUuid: 'shdr-gateway-1',
        labels: { line: '3', env: 'prod' },
        expiresAt: 1795000000000,
        updatedAt: 1794999940000,
      }),
    ]);
    expect(body).toBe(
      '[{"targets":["shdr-gateway:4000"],"labels":{' +
        '"__metrics_path__":"/metrics","__scheme__":"http",' +
        '"__meta_registry_application_uuid":"shdr-gateway-1","env":"prod","line":"3"}}]',
    );
  });

  it('sorts the groups by applicationUuid in code-unit order, whatever the input order', () => {
    const body = renderSdBody([
      registration({ applicationUuid: 'b', host: 'host-b' }),
      registration({ applicationUuid: 'B', host: 'host-B' }),
      registration({ applicationUuid: 'a-10', host: 'host-a10' }),
      registration({ applicationUuid: 'a-9', host: 'host-a9' }),
    ]);
    const ids = (JSON.parse(body) as { labels: Record<string, string> }[]).map(
      (group) => group.labels.__meta_registry_application_uuid,
    );
    expect(ids).toEqual(['B', 'a-10', 'a-9', 'b']);
  });

  it('writes an IPv6 host in brackets and keeps a custom path and https', () => {
    const body = renderSdBody([
      registration({
        applicationUuid: 'v6',
        host: '::1',
        port: 9100,
        path: '/custom/metrics',
        scheme: 'https',
      }),
    ]);
    expect(body).toBe(
      '[{"targets":["[::1]:9100"],"labels":{"__metrics_path__":"/custom/metrics",' +
        '"__scheme__":"https","__meta_registry_application_uuid":"v6"}}]',
    );
  });

  it('sorts the user labels by name after the registry labels', () => {
    const group = sdTargetGroup(
      registration({
        applicationUuid: 'x',
        labels: { zone: 'z', Area: 'A', _hidden: 'h', app: 'a' },
      }),
    );
    expect(Object.keys(group.labels)).toEqual([
      '__metrics_path__',
      '__scheme__',
      '__meta_registry_application_uuid',
      'Area',
      '_hidden',
      'app',
      'zone',
    ]);
  });

  it('does not reorder its input', () => {
    const input = [registration({ applicationUuid: 'b' }), registration({ applicationUuid: 'a' })];
    renderSdBody(input);
    expect(input.map((r) => r.applicationUuid)).toEqual(['b', 'a']);
  });
});
