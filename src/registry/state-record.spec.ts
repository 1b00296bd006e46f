import { decodeStateRecord, encodeStateValue } from './state-record';

const key = (s: string) => Buffer.from(s);
const value = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('state records', () => {
  it('round-trips a registration in the SPEC §2.3 format', () => {
    const registration = {
      applicationUuid: 'shdr-gateway-1',
      host: 'shdr-gateway',
      port: 4000,
      path: '/metrics',
      scheme: 'http' as const,
      labels: { env: 'prod' },
      expiresAt: 1795000000000,
      updatedAt: 1794999940000,
    };
    const encoded = encodeStateValue(registration);
    expect(JSON.parse(encoded.toString())).toEqual({
      HOST: 'shdr-gateway',
      PORT: 4000,
      PATH: '/metrics',
      SCHEME: 'http',
      LABELS: { env: 'prod' },
      EXPIRES_AT: 1795000000000,
      UPDATED_AT: 1794999940000,
    });
    expect(decodeStateRecord(key('shdr-gateway-1'), encoded)).toEqual({
      kind: 'put',
      registration,
    });
  });

  it('reads OpenFactory records (HOST, PORT as a digit string, PATH) with defaults', () => {
    expect(decodeStateRecord(key('of-1'), value({ HOST: 'of', PORT: '9000', PATH: '/m' }))).toEqual(
      {
        kind: 'put',
        registration: {
          applicationUuid: 'of-1',
          host: 'of',
          port: 9000,
          path: '/m',
          scheme: 'http',
          labels: {},
          expiresAt: null,
          updatedAt: null,
        },
      },
    );
    expect(decodeStateRecord(key('of-2'), value({ HOST: 'of', PORT: 1 }))).toMatchObject({
      registration: { path: '/metrics' },
    });
  });

  it('turns a null value into a delete', () => {
    expect(decodeStateRecord(key('a'), null)).toEqual({ kind: 'delete', applicationUuid: 'a' });
  });

  it.each([
    [null, value({ HOST: 'a', PORT: 1 }), /^key: /],
    [key('-bad'), value({ HOST: 'a', PORT: 1 }), /^key: /],
    [key('a'), Buffer.from('nope'), /^value: /],
    [key('a'), value([1]), /^value: /],
    [key('a'), value({ PORT: 1 }), /^HOST: /],
    [key('a'), value({ HOST: 'a' }), /^PORT: /],
    [key('a'), value({ HOST: 'a', PORT: 1, PATH: 'x' }), /^PATH: /],
    [key('a'), value({ HOST: 'a', PORT: 1, SCHEME: 'ftp' }), /^SCHEME: /],
    [key('a'), value({ HOST: 'a', PORT: 1, LABELS: { __a: 'x' } }), /^LABELS: /],
    [key('a'), value({ HOST: 'a', PORT: 1, EXPIRES_AT: 'soon' }), /^EXPIRES_AT: /],
  ])('skips an invalid record (%#)', (k, v, reason) => {
    const record = decodeStateRecord(k, v);
    expect(record.kind).toBe('invalid');
    expect(record.kind === 'invalid' && record.reason).toMatch(reason);
  });
});
