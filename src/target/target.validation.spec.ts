import { registrationOf } from './registration';
import {
  parseCommandValue,
  validateDeregister,
  validateTarget,
  validateTargetFor,
} from './target.validation';

const ok = { applicationUuid: 'shdr-gateway-1', host: 'shdr-gateway', port: 4000 };

function errorOf(input: unknown): string {
  const result = validateTarget(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.error;
}

describe('validateTarget', () => {
  it('fills the SPEC defaults, and the registration stamps the lease', () => {
    const result = validateTarget(ok);
    expect(result).toEqual({
      ok: true,
      value: { ...ok, path: '/metrics', scheme: 'http', labels: {} },
    });
    expect(result.ok && registrationOf(result.value, 1000)).toEqual({
      ...ok,
      path: '/metrics',
      scheme: 'http',
      labels: {},
      expiresAt: null,
      updatedAt: 1000,
    });
    const leased = validateTarget({ ...ok, ttlSeconds: 60 });
    expect(leased.ok && registrationOf(leased.value, 1000).expiresAt).toBe(61_000);
  });

  it('converts a port given as a string of digits', () => {
    const result = validateTarget({ ...ok, port: '9100' });
    expect(result.ok && result.value.port).toBe(9100);
  });

  it.each([
    ['shdr-gateway'],
    ['10.0.0.7'],
    ['::1'],
    ['fe80::1:2'],
    ['2001:db8::8a2e:370:7334'],
    ['::ffff:192.0.2.1'],
    ['my_container_1'],
    ['a.b-c.d'],
  ])('accepts the host %s', (host) => {
    expect(validateTarget({ ...ok, host }).ok).toBe(true);
  });

  it.each([
    ['http://a'],
    ['a:80'],
    ['a/b'],
    ['a b'],
    ['-a'],
    ['a-'],
    ['.a'],
    ['a.'],
    [''],
    ['[::1]'],
    ['1:2:3:4:5:6:7:8:9'],
    ['a'.repeat(254)],
  ])('rejects the host %j naming the field', (host) => {
    expect(errorOf({ ...ok, host })).toMatch(/^host: /);
  });

  it.each([
    [{ ...ok, applicationUuid: '' }, 'applicationUuid'],
    [{ ...ok, applicationUuid: '_x' }, 'applicationUuid'],
    [{ ...ok, applicationUuid: 'a'.repeat(254) }, 'applicationUuid'],
    [{ ...ok, port: 0 }, 'port'],
    [{ ...ok, port: 65536 }, 'port'],
    [{ ...ok, port: '80a' }, 'port'],
    [{ ...ok, port: 1.5 }, 'port'],
    [{ ...ok, path: 'metrics' }, 'path'],
    [{ ...ok, path: '/a#b' }, 'path'],
    [{ ...ok, path: '/a\u0001' }, 'path'],
    [{ ...ok, scheme: 'HTTP' }, 'scheme'],
    [{ ...ok, labels: 'env=prod' }, 'labels'],
    [{ ...ok, labels: ['a'] }, 'labels'],
    [{ ...ok, labels: { 'a-b': 'x' } }, 'labels'],
    [{ ...ok, labels: { __name: 'x' } }, 'labels'],
    [{ ...ok, labels: { a: 'x'.repeat(1025) } }, 'labels'],
    [{ ...ok, ttlSeconds: 4 }, 'ttlSeconds'],
    [{ ...ok, ttlSeconds: 86401 }, 'ttlSeconds'],
    [{ ...ok, ttlSeconds: 10.5 }, 'ttlSeconds'],
    [{ ...ok, extra: 1 }, 'extra'],
    [{ ...ok, path: null }, 'path'],
    [{ ...ok, scheme: null }, 'scheme'],
    [{ ...ok, labels: null }, 'labels'],
    [{ ...ok, ttlSeconds: null }, 'ttlSeconds'],
    [JSON.parse('{"applicationUuid":"a","host":"h","port":1,"__proto__":{"x":1}}'), '__proto__'],
    [JSON.parse('{"applicationUuid":"a","host":"h","port":1,"constructor":1}'), 'constructor'],
  ])('rejects %j naming %s', (input, field) => {
    expect(errorOf(input)).toMatch(new RegExp(`^${field}: `));
  });

  it('accepts the boundaries', () => {
    const labels = Object.fromEntries([...Array(32)].map((_, i) => [`l${i}`, 'v'.repeat(1024)]));
    const result = validateTarget({
      ...ok,
      applicationUuid: 'a'.repeat(253),
      port: 65535,
      path: '/' + 'p'.repeat(1023),
      scheme: 'https',
      labels,
      ttlSeconds: 5,
    });
    expect(result.ok).toBe(true);
  });

  it('rejects values that are not objects', () => {
    expect(errorOf([ok])).toBe('value: must be a JSON object');
    expect(errorOf('x')).toBe('value: must be a JSON object');
    expect(errorOf(null)).toBe('value: must be a JSON object');
  });
});

describe('validateTargetFor and validateDeregister', () => {
  it('takes the applicationUuid from outside the body and rejects it inside', () => {
    expect(validateTargetFor('x-1', { host: 'a', port: 1 })).toMatchObject({
      ok: true,
      value: { applicationUuid: 'x-1' },
    });
    expect(validateTargetFor('x-1', { applicationUuid: 'x-1', host: 'a', port: 1 })).toEqual({
      ok: false,
      error: 'applicationUuid: is not a known field',
    });
    expect(validateTargetFor('-bad', { host: 'a', port: 1 })).toMatchObject({ ok: false });
  });

  it('validates a deregister command', () => {
    expect(validateDeregister({ applicationUuid: 'a' })).toEqual({
      ok: true,
      value: { applicationUuid: 'a' },
    });
    expect(validateDeregister({})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^applicationUuid: /),
    });
    expect(validateDeregister({ applicationUuid: 'a', host: 'h' })).toEqual({
      ok: false,
      error: 'host: is not a known field',
    });
    expect(validateDeregister('a')).toEqual({ ok: false, error: 'value: must be a JSON object' });
  });
});

describe('parseCommandValue', () => {
  it('rejects null, empty, oversized and non-JSON values naming the value', () => {
    expect(parseCommandValue(null)).toEqual({
      ok: false,
      error: 'value: is null (a tombstone is not a command)',
    });
    expect(parseCommandValue(Buffer.alloc(0))).toEqual({ ok: false, error: 'value: is empty' });
    expect(parseCommandValue(Buffer.alloc(64 * 1024 + 1, 32))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^value: is 65537 bytes/),
    });
    expect(parseCommandValue(Buffer.from('{'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^value: is not valid JSON/),
    });
    expect(parseCommandValue(Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });
});
