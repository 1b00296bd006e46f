import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConnectionConfig } from '../config/registry.config';
import { kafkaClientConfig } from './kafka-client.options';

/** Kafka refused us for a reason retrying cannot fix: a credential, a certificate, a mechanism. */
export class KafkaAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KafkaAccessError';
  }
}

/** Node's codes for a server certificate that does not verify (OpenSSL's X509_V_ERR_* names). */
const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);
const INVALID_CERTIFICATE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'INVALID_PURPOSE',
  'CERT_CHAIN_TOO_LONG',
  'PATH_LENGTH_EXCEEDED',
]);
/** TLS alerts a broker sends when it wants a client certificate it did not get or trust. */
const CLIENT_CERTIFICATE_REFUSED =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)$/;
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

interface KafkaJsError {
  name?: string;
  type?: string;
  code?: string | number;
  broker?: string;
  message?: string;
  /** What kafkajs gave up on, when it stopped retrying (KafkaJSNumberOfRetriesExceeded). */
  cause?: unknown;
}

/** The innermost error: kafkajs wraps the one that says what went wrong. */
function rootOf(error: unknown): KafkaJsError {
  let e = (error ?? {}) as KafkaJsError;
  for (let depth = 0; e.cause !== undefined && e.cause !== null && depth < 5; depth++) {
    e = e.cause as KafkaJsError;
  }
  return e;
}

/**
 * What the user must fix when kafkajs' error means Kafka will never let us in as configured
 * (naming the variable), or null for a failure worth retrying (Kafka unreachable, restarting).
 * Never quotes a credential: kafkajs' messages hold neither the user name nor the password.
 */
export function describeAccessFailure(
  error: unknown,
  connection: KafkaConnectionConfig,
): string | null {
  const e = rootOf(error);
  const broker = e.broker ?? connection.brokers.join(',');
  const mechanism = connection.sasl?.mechanism ?? 'off';
  if (
    e.type === 'UNSUPPORTED_SASL_MECHANISM' ||
    (e.name === 'KafkaJSSASLAuthenticationError' &&
      /mechanism is not supported/.test(e.message ?? ''))
  ) {
    return `Kafka does not accept the SASL mechanism KAFKA_SASL_MECHANISM=${mechanism} on this listener (${e.message})`;
  }
  if (e.name === 'KafkaJSSASLAuthenticationError' || e.type === 'SASL_AUTHENTICATION_FAILED') {
    return `Kafka rejected the SASL login (${mechanism}): wrong KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD (${e.message})`;
  }
  const code = String(e.code ?? '');
  const ca = connection.sslFiles.ca;
  if (UNTRUSTED_CHAIN.has(code)) {
    const fix =
      ca === null
        ? 'set KAFKA_SSL_CA_FILE to the CA that signed it'
        : `it is not signed by a CA in KAFKA_SSL_CA_FILE (${ca.file})`;
    return `the TLS certificate of Kafka broker ${broker} is not trusted (${code}): ${fix}`;
  }
  if (INVALID_CERTIFICATE.has(code)) {
    return `the TLS certificate of Kafka broker ${broker} is not valid (${code})`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the TLS certificate of Kafka broker ${broker} is not issued for that host name or address (${code})`;
  }
  if (CLIENT_CERTIFICATE_REFUSED.test(code)) {
    const fix =
      connection.sslFiles.cert === null
        ? 'it requires one: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE'
        : 'KAFKA_SSL_CERT_FILE is not signed by a CA the broker trusts';
    return `Kafka broker ${broker} refused the client certificate (${code}): ${fix}`;
  }
  if (NOT_TLS.has(code)) {
    return `Kafka broker ${broker} does not answer TLS on that port (${code}): check KAFKA_SSL and the listener`;
  }
  return null;
}

/**
 * Connects once, without retries, to learn early whether Kafka lets us in: throws a
 * KafkaAccessError naming what to fix, and ignores every other failure (an unreachable Kafka
 * is the usual retries' business).
 */
export async function checkKafkaAccess(
  connection: KafkaConnectionConfig,
  role: string,
): Promise<void> {
  const config = kafkaClientConfig(connection, role);
  // Quiet: the caller reports the one failure that matters.
  const admin = new Kafka({ ...config, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
  } catch (error) {
    const failure = describeAccessFailure(error, connection);
    if (failure !== null) throw new KafkaAccessError(failure);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
