import {
  basicAuthMatches,
  bearerTokenMatches,
  parseAuthorization,
  safeEqual,
} from './authorization';

describe('bearerTokenMatches', () => {
  it('accepts the token after the Bearer scheme, in any case of the scheme', () => {
    expect(bearerTokenMatches('s3cret', 'Bearer s3cret')).toBe(true);
    expect(bearerTokenMatches('s3cret', 'bearer s3cret')).toBe(true);
  });

  it('refuses a missing header, another scheme, a wrong or a partial token', () => {
    expect(bearerTokenMatches('s3cret', undefined)).toBe(false);
    expect(bearerTokenMatches('s3cret', '')).toBe(false);
    expect(bearerTokenMatches('s3cret', 'Basic s3cret')).toBe(false);
    expect(bearerTokenMatches('s3cret', 'Bearer s3cre')).toBe(false);
    expect(bearerTokenMatches('s3cret', 'Bearer s3cret2')).toBe(false);
    expect(bearerTokenMatches('s3cret', 'Bearer')).toBe(false);
    expect(bearerTokenMatches('s3cret', 's3cret')).toBe(false);
  });
});

describe('a token compared as a whole', () => {
  const token = 'S3cret-Token_42';

  it.each([
    ['a prefix', token.slice(0, -1)],
    ['the first character', token[0]],
    ['a longer token that starts with it', `${token}x`],
    ['a suffix', token.slice(1)],
    ['a longer token that ends with it', `x${token}`],
    ['another case', token.toLowerCase()],
    ['another case', token.toUpperCase()],
    ['one character changed', token.replace('4', '5')],
    ['surrounding quotes', `"${token}"`],
    ['an empty token', ''],
  ])('refuses %s', (_, candidate) => {
    expect(safeEqual(candidate, token)).toBe(false);
    expect(bearerTokenMatches(token, `Bearer ${candidate}`)).toBe(false);
    const basic = `Basic ${Buffer.from(`prometheus:${candidate}`).toString('base64')}`;
    expect(basicAuthMatches({ username: 'prometheus', password: token }, basic)).toBe(false);
  });

  it('accepts the token itself', () => {
    expect(bearerTokenMatches(token, `Bearer ${token}`)).toBe(true);
    const basic = `Basic ${Buffer.from(`prometheus:${token}`).toString('base64')}`;
    expect(basicAuthMatches({ username: 'prometheus', password: token }, basic)).toBe(true);
  });
});

describe('safeEqual', () => {
  it('is true only for equal strings, whatever the lengths', () => {
    expect(safeEqual('token', 'token')).toBe(true);
    expect(safeEqual('token', 'tokem')).toBe(false);
    expect(safeEqual('tok', 'token')).toBe(false);
    expect(safeEqual('token-and-more', 'token')).toBe(false);
    expect(safeEqual('', 'token')).toBe(false);
  });
});

describe('parseAuthorization', () => {
  it('splits the scheme (lower-cased) from the credentials', () => {
    expect(parseAuthorization('  BASIC  dXNlcjpwYXNz ')).toEqual({
      scheme: 'basic',
      credentials: 'dXNlcjpwYXNz',
    });
    expect(parseAuthorization('Bearer')).toBeNull();
    expect(parseAuthorization(undefined)).toBeNull();
  });
});

describe('basicAuthMatches', () => {
  const expected = { username: 'prometheus', password: 'pa:ss wörd' };
  const basic = (userPass: string) => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;

  it('accepts exactly user:password, and nothing that is not base64', () => {
    expect(basicAuthMatches(expected, basic('prometheus:pa:ss wörd'))).toBe(true);
    expect(basicAuthMatches(expected, basic('prometheus:pa:ss'))).toBe(false);
    expect(basicAuthMatches(expected, 'Basic !!!')).toBe(false);
    expect(basicAuthMatches(expected, 'Bearer x')).toBe(false);
  });
});
