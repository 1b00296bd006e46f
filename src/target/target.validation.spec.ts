import { registrationOf } from './registration';
import {
  keyProblem,
  parseCommandValue,
  utf8Problem,
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
    ['::ffff:7f00:1'],
    ['my_container_1'],
    ['a.b-c.d'],
    ['0x7f.example'],
    ['app.123x'],
    [`${'a'.repeat(63)}.b`],
    [
      ['a', 'b', 'c', 'd']
        .map((c) => c.repeat(63))
        .join('.')
        .slice(0, 253),
    ],
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
    [`${'a'.repeat(64)}.b`],
    ['a..b'],
    ['a.-b'],
    ['a-.b'],
    ['a.b\n'],
  ])('rejects the host %j naming the field', (host) => {
    expect(errorOf({ ...ok, host })).toMatch(/^host: /);
  });

  it.each([
    ['2130706433'],
    ['0x7f.1'],
    ['0X7F000001'],
    ['0177.0.0.1'],
    ['127.1'],
    ['127.0.0.01'],
    ['999.999.999.999'],
    ['256.1.1.1'],
    ['1.2.3.4.5'],
    ['0x'],
  ])('rejects the numeric host %j: only dotted-decimal IPv4 is an address', (host) => {
    expect(errorOf({ ...ok, host })).toBe(
      'host: is made of numbers but is not a dotted-decimal IPv4 address (a.b.c.d, each 0-255, no leading zeros)',
    );
  });

  it('keeps label names that are also Object.prototype names, and rejects __proto__ for its prefix', () => {
    const labels = JSON.parse(
      '{"constructor":"c","toString":"t","hasOwnProperty":"h","valueOf":"v"}',
    );
    const result = validateTarget({ ...ok, labels });
    expect(result.ok && Object.entries(result.value.labels!)).toEqual([
      ['constructor', 'c'],
      ['toString', 't'],
      ['hasOwnProperty', 'h'],
      ['valueOf', 'v'],
    ]);
    expect(errorOf({ ...ok, labels: JSON.parse('{"a":"x","__proto__":"p"}') })).toBe(
      'labels: name "__proto__" must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and not start with "__"',
    );
    expect(errorOf({ ...ok, labels: JSON.parse('{"__proto__":{"polluted":"x"}}') })).toMatch(
      /^labels: name "__proto__"/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field of a value nested too deeply, instead of overflowing the stack', () => {
    const deep = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
    expect(errorOf({ ...ok, labels: { a: deep(20_000) } })).toBe(
      'labels: is nested more than 8 levels deep',
    );
    expect(errorOf({ ...ok, host: deep(20_000) })).toBe('host: is nested more than 8 levels deep');
    expect(errorOf({ ...ok, extra: deep(9) })).toBe('extra: is nested more than 8 levels deep');
    expect(errorOf({ ...ok, extra: deep(8) })).toBe('extra: is not a known field');
  });

  it('rejects a label value that no UTF-8 can carry (a lone surrogate)', () => {
    expect(errorOf({ ...ok, labels: { env: 'a\ud800b' } })).toBe(
      'labels: value of "env" is not valid Unicode text',
    );
    expect(validateTarget({ ...ok, labels: { env: '😀 ok' } }).ok).toBe(true);
  });

  it('quotes a field name that does not look like one', () => {
    expect(errorOf({ ...ok, 'a\nb': 1 })).toBe('"a\\nb": is not a known field');
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

describe('keyProblem', () => {
  it('accepts no key or the applicationUuid, and rejects any other key', () => {
    expect(keyProblem(null, 'a-1')).toBeNull();
    expect(keyProblem(undefined, 'a-1')).toBeNull();
    expect(keyProblem(Buffer.from('a-1'), 'a-1')).toBeNull();
    expect(keyProblem(Buffer.from('a-2'), 'a-1')).toBe(
      'key: must be the applicationUuid (or absent)',
    );
    expect(keyProblem(Buffer.alloc(0), 'a-1')).toBe('key: must be the applicationUuid (or absent)');
  });
});

describe('utf8Problem', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('names the label, the field, or else the whole value holding invalid UTF-8', () => {
    expect(utf8Problem(Buffer.from('{"labels":{"env":"prod"}}'))).toBeNull();
    expect(utf8Problem(bytes('{"host":"h","labels":{"a":"ok","env":"pr', [0xff], 'od"}}'))).toBe(
      'labels: value of "env" is not valid UTF-8',
    );
    expect(utf8Problem(bytes('{"labels":{"e', [0xc3, 0x28], 'nv":"x"}}'))).toBe(
      'labels: a label name is not valid UTF-8',
    );
    expect(utf8Problem(bytes('{"path":"/m', [0xed, 0xa0, 0x80], '"}'))).toBe(
      'path: is not valid UTF-8',
    );
    expect(utf8Problem(bytes('{"p', [0x80], '":"x"}'))).toBe('value: is not valid UTF-8');
    expect(utf8Problem(bytes('not json ', [0xfe]))).toBe('value: is not valid UTF-8');
    expect(utf8Problem(bytes('{"host":"\ufffd","path":"/', [0xff], '"}'))).toBe(
      'value: is not valid UTF-8',
    );
    expect(utf8Problem(bytes('{"host":"\\uFFFD","path":"/', [0xff], '"}'))).toBe(
      'value: is not valid UTF-8',
    );
    expect(utf8Problem(bytes('{"labels":{"a":"', [0xff], '"}}'), 'body')).toBe(
      'labels: value of "a" is not valid UTF-8',
    );
    expect(utf8Problem(bytes([0xff]), 'body')).toBe('body: is not valid UTF-8');
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
    expect(parseCommandValue(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      error: 'value: is not valid UTF-8',
    });
  });
});
