import { KafkaConnectionConfig, RegistryConfig } from '../config/registry.config';
import { describeAccessFailure } from './kafka-access';
import { sslOptions } from './kafka-client.options';

const connection = (overrides: Partial<KafkaConnectionConfig> = {}): KafkaConnectionConfig => ({
  ...new RegistryConfig().kafka,
  brokers: ['kafka-0:9093'],
  ssl: true,
  sasl: { mechanism: 'scram-sha-512', username: 'registry', password: 's3cret' },
  ...overrides,
});
const CA = { file: '/etc/kafka/ca.crt', pem: '-----BEGIN CERTIFICATE-----' };

/** kafkajs' errors as they come (shapes taken from kafkajs 2.2.4 against Kafka 3.9 and 4.4). */
const kafkajs = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra });
const gaveUp = (cause: Error) =>
  kafkajs('KafkaJSNumberOfRetriesExceeded', cause.message, { cause, retriable: false });

describe('describeAccessFailure', () => {
  it('names the password or user name when the SASL login is refused', () => {
    const error = kafkajs(
      'KafkaJSSASLAuthenticationError',
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
    );
    const message = describeAccessFailure(error, connection());
    expect(message).toMatch(
      /^Kafka rejected the SASL login \(scram-sha-512\): wrong KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD/,
    );
    expect(message).not.toContain('s3cret');
  });

  it('names the mechanism the broker does not accept', () => {
    const error = kafkajs(
      'KafkaJSProtocolError',
      'The broker does not support the requested SASL mechanism',
      {
        type: 'UNSUPPORTED_SASL_MECHANISM',
        code: 33,
      },
    );
    expect(describeAccessFailure(error, connection())).toMatch(
      /^Kafka does not accept the SASL mechanism KAFKA_SASL_MECHANISM=scram-sha-512 on this listener/,
    );
  });

  it('says an untrusted broker certificate needs KAFKA_SSL_CA_FILE, or is not signed by its CA', () => {
    const error = gaveUp(
      kafkajs(
        'KafkaJSConnectionError',
        'Connection error: unable to verify the first certificate',
        {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
          broker: '10.0.0.7:9093',
        },
      ),
    );
    expect(describeAccessFailure(error, connection())).toBe(
      'the TLS certificate of Kafka broker 10.0.0.7:9093 is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE): set KAFKA_SSL_CA_FILE to the CA that signed it',
    );
    const withCa = connection({ sslFiles: { ca: CA, cert: null, key: null } });
    expect(describeAccessFailure(error, withCa)).toBe(
      'the TLS certificate of Kafka broker 10.0.0.7:9093 is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE): it is not signed by a CA in KAFKA_SSL_CA_FILE (/etc/kafka/ca.crt)',
    );
  });

  it('says a broker asks for a client certificate', () => {
    const error = gaveUp(
      kafkajs('KafkaJSConnectionError', 'Connection error: sslv3 alert bad certificate', {
        code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      }),
    );
    expect(describeAccessFailure(error, connection())).toBe(
      'Kafka broker kafka-0:9093 refused the client certificate (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE): it requires one: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE',
    );
  });

  it('leaves a Kafka that is only unreachable to the retries', () => {
    const refused = kafkajs('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED', {
      code: 'ECONNREFUSED',
    });
    expect(describeAccessFailure(gaveUp(refused), connection())).toBeNull();
    expect(describeAccessFailure(new Error('boom'), connection())).toBeNull();
    expect(describeAccessFailure(undefined, connection())).toBeNull();
  });
});

describe('sslOptions', () => {
  it('verifies certificates, with the CA and client certificate from the files', () => {
    const cert = { file: 'c', pem: 'CERT' };
    const key = { file: 'k', pem: 'KEY' };
    expect(sslOptions(connection({ sslFiles: { ca: CA, cert, key } }))).toEqual({
      rejectUnauthorized: true,
      ca: CA.pem,
      cert: 'CERT',
      key: 'KEY',
    });
    expect(sslOptions(connection())).toEqual({ rejectUnauthorized: true });
    expect(sslOptions(connection({ ssl: false }))).toBe(false);
  });
});
