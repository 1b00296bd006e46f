import { commandValue, opOf, validateCommand } from './command';

const target = { applicationUuid: 'app-1', host: 'app', port: 9100 };

describe('validateCommand', () => {
  it('reads a register and a deregister by op', () => {
    expect(validateCommand({ op: 'register', ...target, ttlSeconds: 30 })).toEqual({
      ok: true,
      value: {
        op: 'register',
        target: { ...target, path: '/metrics', scheme: 'http', labels: {}, ttlSeconds: 30 },
      },
    });
    expect(validateCommand({ op: 'deregister', applicationUuid: 'app-1' })).toEqual({
      ok: true,
      value: { op: 'deregister', applicationUuid: 'app-1' },
    });
  });

  it('names the field of a broken rule, op included', () => {
    expect(validateCommand({ ...target })).toEqual({
      ok: false,
      error: 'op: must be "register" or "deregister"',
    });
    expect(validateCommand({ op: 'REGISTER', ...target })).toMatchObject({
      error: expect.stringMatching(/^op: /),
    });
    expect(validateCommand({ op: 'register', ...target, port: 0 })).toMatchObject({
      error: expect.stringMatching(/^port: /),
    });
    expect(validateCommand({ op: 'deregister', applicationUuid: 'app-1', host: 'x' })).toEqual({
      ok: false,
      error: 'host: is not a known field',
    });
    expect(validateCommand([])).toEqual({ ok: false, error: 'value: must be a JSON object' });
  });
});

describe('commandValue and opOf', () => {
  it('round-trip through validateCommand', () => {
    for (const input of [
      {
        op: 'register' as const,
        target: { ...target, path: '/m', scheme: 'http' as const, labels: {} },
      },
      { op: 'deregister' as const, applicationUuid: 'app-1' },
    ]) {
      const parsed = JSON.parse(commandValue(input));
      expect(opOf(parsed)).toBe(input.op);
      expect(validateCommand(parsed)).toEqual({ ok: true, value: input });
    }
    expect(opOf({ op: 'other' })).toBeNull();
    expect(opOf(null)).toBeNull();
  });
});
