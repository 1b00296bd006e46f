import { formatTargetTable, isSdBody } from './target-table';

describe('formatTargetTable', () => {
  it('shows one line per target with its scrape URL and its own labels', () => {
    const table = formatTargetTable([
      {
        targets: ['shdr-gateway:4000'],
        labels: {
          __metrics_path__: '/metrics',
          __scheme__: 'http',
          __meta_registry_application_uuid: 'shdr-gateway-1',
          env: 'prod',
          line: '3',
        },
      },
      {
        targets: ['[::1]:9100'],
        labels: {
          __metrics_path__: '/custom',
          __scheme__: 'https',
          __meta_registry_application_uuid: 'node-b',
        },
      },
    ]);
    expect(table).toBe(
      'APPLICATION UUID  ENDPOINT                          LABELS\n' +
        'shdr-gateway-1    http://shdr-gateway:4000/metrics  env=prod,line=3\n' +
        'node-b            https://[::1]:9100/custom         -\n',
    );
  });

  it('prints only the header when nothing is registered', () => {
    expect(formatTargetTable([])).toBe('APPLICATION UUID  ENDPOINT  LABELS\n');
  });
});

describe('isSdBody', () => {
  it('accepts SD groups and refuses anything else', () => {
    expect(isSdBody([])).toBe(true);
    expect(isSdBody([{ targets: ['a:1'], labels: { x: 'y' } }])).toBe(true);
    expect(isSdBody([{ targets: ['a:1'] }])).toBe(true);
    expect(isSdBody({ statusCode: 503 })).toBe(false);
    expect(isSdBody([{ targets: 'a:1' }])).toBe(false);
    expect(isSdBody([{ targets: ['a:1'], labels: { x: 1 } }])).toBe(false);
    expect(isSdBody([null])).toBe(false);
  });
});
