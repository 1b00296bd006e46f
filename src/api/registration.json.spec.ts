import { registrationJson } from './registration.json';

describe('registrationJson', () => {
  it('writes the lease and update times as ISO-8601', () => {
    expect(
      registrationJson({
        applicationUuid: 'shdr-gateway-1',
        host: 'shdr-gateway',
        port: 4000,
        path: '/metrics',
        scheme: 'http',
        labels: { env: 'prod' },
        expiresAt: Date.UTC(2026, 0, 2, 3, 4, 5, 600),
        updatedAt: Date.UTC(2026, 0, 2, 3, 3, 5, 600),
      }),
    ).toEqual({
      applicationUuid: 'shdr-gateway-1',
      host: 'shdr-gateway',
      port: 4000,
      path: '/metrics',
      scheme: 'http',
      labels: { env: 'prod' },
      expiresAt: '2026-01-02T03:04:05.600Z',
      updatedAt: '2026-01-02T03:03:05.600Z',
    });
  });

  it('keeps null for no lease and for records written without an update time', () => {
    const item = registrationJson({
      applicationUuid: 'of-app',
      host: '10.0.0.7',
      port: 9100,
      path: '/metrics',
      scheme: 'https',
      labels: {},
      expiresAt: null,
      updatedAt: null,
    });
    expect(item.expiresAt).toBeNull();
    expect(item.updatedAt).toBeNull();
    expect(Object.keys(item)).toEqual([
      'applicationUuid',
      'host',
      'port',
      'path',
      'scheme',
      'labels',
      'expiresAt',
      'updatedAt',
    ]);
  });
});
