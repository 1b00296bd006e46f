import type { TargetPolicy } from '../target/target.policy';
import { decodeStateRecord as decodeWith, encodeStateValue } from './state-record';

const key = (s: string) => Buffer.from(s);
const value = (v: unknown) => Buffer.from(JSON.stringify(v));
const OPEN: TargetPolicy = { allowedHosts: null, allowedPorts: null, deniedHosts: [] };
const decodeStateRecord = (k: Buffer | null, v: Buffer | null) => decodeWith(k, v, OPEN);

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
    [key('a'), value({ HOST: '2130706433', PORT: 1 }), /^HOST: is made of numbers/],
    [key('a'), value({ HOST: '0x7f.1', PORT: 1 }), /^HOST: is made of numbers/],
    [key('a'), value({ HOST: 'a', PORT: 1, LABELS: JSON.parse('{"__proto__":"x"}') }), /^LABELS: /],
    [
      key('a'),
      Buffer.from([...Buffer.from('{"HOST":"a","PORT":1,"PATH":"/'), 0xff, 0x22, 0x7d]),
      /^PATH: is not valid UTF-8/,
    ],
  ])('skips an invalid record (%#), naming its key when the key is valid', (k, v, reason) => {
    const record = decodeStateRecord(k, v);
    expect(record.kind).toBe('invalid');
    expect(record.kind === 'invalid' && record.reason).toMatch(reason);
    // The key's registration is then no longer served (the record is the key's last word).
    const keyValid = !reason.source.startsWith('^key');
    expect(record.kind === 'invalid' && record.applicationUuid).toBe(keyValid ? 'a' : null);
  });
});

describe('state records and the target policy', () => {
  const policy: TargetPolicy = {
    allowedHosts: [{ kind: 'suffix', suffix: '.svc' }],
    allowedPorts: [{ from: 9100, to: 9199 }],
    deniedHosts: [{ kind: 'network', address: '127.0.0.0', prefixLength: 8 }],
  };

  it.each([
    [{ HOST: 'app.svc', PORT: 9100 }, null],
    [{ HOST: 'APP.SVC', PORT: '9199' }, null],
    [{ HOST: 'app.other', PORT: 9100 }, 'host: not allowed by REGISTRY_ALLOWED_HOSTS'],
    [{ HOST: 'app.svc', PORT: 80 }, 'port: not allowed by REGISTRY_ALLOWED_PORTS'],
    [{ HOST: '127.0.0.1', PORT: 9100 }, 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)'],
    [{ HOST: '::ffff:7f00:1', PORT: 9100 }, 'host: denied by REGISTRY_DENIED_HOSTS (127.0.0.0/8)'],
  ])('%j is denied with %j', (record, reason) => {
    const decoded = decodeWith(key('of-1'), value(record), policy);
    expect(decoded).toEqual(
      reason === null
        ? expect.objectContaining({ kind: 'put' })
        : { kind: 'denied', applicationUuid: 'of-1', reason },
    );
  });

  it('keeps the label names a class would take for its own', () => {
    const decoded = decodeStateRecord(
      key('a'),
      Buffer.from('{"HOST":"a","PORT":1,"LABELS":{"constructor":"c","toString":"t"}}'),
    );
    expect(decoded.kind === 'put' && Object.entries(decoded.registration.labels)).toEqual([
      ['constructor', 'c'],
      ['toString', 't'],
    ]);
  });
});
