import { escapeForLog } from './escape-for-log';

describe('escapeForLog', () => {
  it('keeps ordinary text, including non-ASCII letters, as it is', () => {
    expect(escapeForLog('shdr-gateway-1 host:port "env"=prod ünïcödé 東京')).toBe(
      'shdr-gateway-1 host:port "env"=prod ünïcödé 東京',
    );
  });

  it.each([
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['a\tb', 'a\\tb'],
    ['a\u0000b', 'a\\u0000b'],
    ['\u001b[31mred', '\\u001b[31mred'],
    ['a\u007fb', 'a\\u007fb'],
    ['a\u0085b', 'a\\u0085b'],
    ['a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['evil\u202egnp.exe', 'evil\\u202egnp.exe'],
    ['a\u2066b', 'a\\u2066b'],
    ['already \\n escaped', 'already \\\\n escaped'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeForLog(text)).toBe(escaped);
  });

  it('never leaves a line break or a control character in its output', () => {
    const every = Array.from({ length: 0x30 }, (_, i) => String.fromCharCode(i)).join('');
    // eslint-disable-next-line no-control-regex
    expect(escapeForLog(every)).not.toMatch(/[\u0000-\u001f]/);
  });
});
