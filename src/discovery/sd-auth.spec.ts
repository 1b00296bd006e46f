import { SdCredentials, sdAuthChallenge, sdAuthRequired, sdAuthorized } from './sd-auth';

const NONE: SdCredentials = { bearerToken: null, basicAuth: null };
const BEARER: SdCredentials = { bearerToken: 's3cret-token', basicAuth: null };
const BASIC: SdCredentials = {
  bearerToken: null,
  basicAuth: { username: 'prometheus', password: 'pa:ss wörd' },
};
const BOTH: SdCredentials = { bearerToken: BEARER.bearerToken, basicAuth: BASIC.basicAuth };

function basic(userPass: string): string {
  return `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`;
}

describe('sdAuthorized', () => {
  it('lets everything through when no credential is configured', () => {
    expect(sdAuthRequired(NONE)).toBe(false);
    expect(sdAuthorized(NONE, undefined)).toBe(true);
    expect(sdAuthorized(NONE, 'Bearer whatever')).toBe(true);
  });

  describe('with SD_BEARER_TOKEN', () => {
    it.each([
      ['Bearer s3cret-token', true],
      ['bearer s3cret-token', true],
      ['BEARER   s3cret-token  ', true],
      [undefined, false],
      ['', false],
      ['Bearer', false],
      ['Bearer ', false],
      ['s3cret-token', false],
      ['Bearer s3cret-toke', false],
      ['Bearer s3cret-token2', false],
      ['Bearer S3CRET-TOKEN', false],
      ['Token s3cret-token', false],
      [basic('prometheus:s3cret-token'), false],
    ])('%j → %s', (header, expected) => {
      expect(sdAuthorized(BEARER, header)).toBe(expected);
    });
  });

  describe('with SD_BASIC_AUTH', () => {
    it.each([
      [basic('prometheus:pa:ss wörd'), true],
      [basic('prometheus:pa:ss wörd').replace('Basic', 'basic'), true],
      [undefined, false],
      ['Basic', false],
      [basic('prometheus:pa:ss word'), false],
      [basic('Prometheus:pa:ss wörd'), false],
      [basic('prometheus:'), false],
      [basic('prometheus'), false],
      [`${basic('prometheus:pa:ss wörd')}!`, false],
      ['Basic prometheus:pa:ss wörd', false],
      ['Bearer pa:ss wörd', false],
    ])('%j → %s', (header, expected) => {
      expect(sdAuthorized(BASIC, header)).toBe(expected);
    });
  });

  it('accepts either credential when both are configured, and nothing else', () => {
    expect(sdAuthorized(BOTH, 'Bearer s3cret-token')).toBe(true);
    expect(sdAuthorized(BOTH, basic('prometheus:pa:ss wörd'))).toBe(true);
    expect(sdAuthorized(BOTH, 'Bearer wrong')).toBe(false);
    expect(sdAuthorized(BOTH, basic('prometheus:wrong'))).toBe(false);
    expect(sdAuthorized(BOTH, undefined)).toBe(false);
  });
});

describe('sdAuthChallenge', () => {
  it('offers exactly the configured schemes', () => {
    expect(sdAuthChallenge(BEARER)).toBe('Bearer realm="metrics-registry"');
    expect(sdAuthChallenge(BASIC)).toBe('Basic realm="metrics-registry", charset="UTF-8"');
    expect(sdAuthChallenge(BOTH)).toBe(
      'Bearer realm="metrics-registry", Basic realm="metrics-registry", charset="UTF-8"',
    );
  });
});
