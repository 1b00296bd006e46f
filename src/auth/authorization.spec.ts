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
