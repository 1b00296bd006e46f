import { bearerTokenMatches } from './api-auth';

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
