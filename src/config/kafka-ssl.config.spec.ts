import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistryConfig } from './registry.config';

/** KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE: read and checked at startup. */
describe('the Kafka TLS files', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-ssl-config-'));
    for (const name of ['ca', 'other']) {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          file(`${name}.key`),
          '-out',
          file(`${name}.crt`),
          '-days',
          '1',
          '-subj',
          `/CN=${name}`,
        ],
        { stdio: 'ignore' },
      );
    }
    writeFileSync(file('not-pem.txt'), 'hello\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => () =>
    loadRegistryConfig({ KAFKA_SSL: 'true', ...env });

  it('reads the CA and the client certificate and key', () => {
    const { kafka } = load({
      KAFKA_SSL_CA_FILE: file('ca.crt'),
      KAFKA_SSL_CERT_FILE: file('other.crt'),
      KAFKA_SSL_KEY_FILE: file('other.key'),
    })();
    expect(kafka.ssl).toBe(true);
    expect(kafka.sslFiles.ca).toEqual({
      file: file('ca.crt'),
      pem: readFileSync(file('ca.crt'), 'utf8'),
    });
    expect(kafka.sslFiles.cert?.file).toBe(file('other.crt'));
    expect(kafka.sslFiles.key?.pem).toBe(readFileSync(file('other.key'), 'utf8'));
  });

  it('names the variable of a file that cannot be read or holds no certificate', () => {
    expect(load({ KAFKA_SSL_CA_FILE: file('missing.crt') })).toThrow(
      `invalid configuration: KAFKA_SSL_CA_FILE cannot read "${file('missing.crt')}" (ENOENT)`,
    );
    expect(load({ KAFKA_SSL_CA_FILE: file('not-pem.txt') })).toThrow(
      /^invalid configuration: KAFKA_SSL_CA_FILE ".*not-pem.txt" holds no PEM certificate/,
    );
    expect(load({ KAFKA_SSL_CA_FILE: file('ca.key') })).toThrow(
      /KAFKA_SSL_CA_FILE .* holds no PEM certificate/,
    );
  });

  it('names the key file that holds no key, without quoting it', () => {
    writeFileSync(file('secret.txt'), 'my-secret-value\n');
    const attempt = load({
      KAFKA_SSL_CERT_FILE: file('ca.crt'),
      KAFKA_SSL_KEY_FILE: file('secret.txt'),
    });
    expect(attempt).toThrow(
      /^invalid configuration: KAFKA_SSL_KEY_FILE ".*secret.txt" holds no unencrypted PEM private key$/,
    );
  });

  it('wants the certificate and the key together, and the key of that certificate', () => {
    expect(load({ KAFKA_SSL_CERT_FILE: file('ca.crt') })).toThrow(
      'invalid configuration: KAFKA_SSL_KEY_FILE is required when KAFKA_SSL_CERT_FILE is set',
    );
    expect(load({ KAFKA_SSL_KEY_FILE: file('ca.key') })).toThrow(
      'invalid configuration: KAFKA_SSL_CERT_FILE is required when KAFKA_SSL_KEY_FILE is set',
    );
    expect(
      load({ KAFKA_SSL_CERT_FILE: file('ca.crt'), KAFKA_SSL_KEY_FILE: file('other.key') }),
    ).toThrow(
      /^invalid configuration: KAFKA_SSL_KEY_FILE ".*other.key" is not the key of the certificate in KAFKA_SSL_CERT_FILE/,
    );
  });

  it('refuses the files without KAFKA_SSL, instead of connecting in plain text', () => {
    expect(() => loadRegistryConfig({ KAFKA_SSL_CA_FILE: file('ca.crt') })).toThrow(
      'invalid configuration: KAFKA_SSL_CA_FILE is set, but KAFKA_SSL is off: set KAFKA_SSL=true',
    );
  });
});
