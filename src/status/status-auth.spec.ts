import { statusAuthorized, statusCredentials } from './status-auth';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('status page credentials', () => {
  it('are not needed when neither SD nor the REST API is protected', () => {
    const open = statusCredentials({ sdBearerToken: null, sdBasicAuth: null, apiToken: null });
    expect(statusAuthorized(open, undefined)).toBe(true);
  });

  it('accept the SD token, the REST token, and either as a basic-auth password', () => {
    const creds = statusCredentials({ sdBearerToken: 'sd', sdBasicAuth: null, apiToken: 'api' });
    expect(statusAuthorized(creds, 'Bearer sd')).toBe(true);
    expect(statusAuthorized(creds, 'bearer api')).toBe(true);
    expect(statusAuthorized(creds, basic('operator', 'api'))).toBe(true);
    expect(statusAuthorized(creds, basic('', 'sd'))).toBe(true);
  });

  it('accept SD_BASIC_AUTH as it is', () => {
    const creds = statusCredentials({
      sdBearerToken: null,
      sdBasicAuth: { username: 'prom', password: 'pw' },
      apiToken: null,
    });
    expect(statusAuthorized(creds, basic('prom', 'pw'))).toBe(true);
    expect(statusAuthorized(creds, basic('other', 'pw'))).toBe(false);
  });

  it('refuse no credential, a wrong one, and a token sent as the user name', () => {
    const creds = statusCredentials({ sdBearerToken: 'sd', sdBasicAuth: null, apiToken: null });
    expect(statusAuthorized(creds, undefined)).toBe(false);
    expect(statusAuthorized(creds, 'Bearer sd2')).toBe(false);
    expect(statusAuthorized(creds, basic('sd', 'x'))).toBe(false);
    expect(statusAuthorized(creds, 'Basic !!!')).toBe(false);
  });
});
