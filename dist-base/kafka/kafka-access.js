"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KafkaAccessError = void 0;
exports.describeAccessFailure = describeAccessFailure;
exports.checkKafkaAccess = checkKafkaAccess;
const kafkajs_1 = require("kafkajs");
const kafka_client_options_1 = require("./kafka-client.options");
class KafkaAccessError extends Error {
    constructor(message) {
        super(message);
        this.name = 'KafkaAccessError';
    }
}
exports.KafkaAccessError = KafkaAccessError;
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
const CLIENT_CERTIFICATE_REFUSED = /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)$/;
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
function rootOf(error) {
    let e = (error ?? {});
    for (let depth = 0; e.cause !== undefined && e.cause !== null && depth < 5; depth++) {
        e = e.cause;
    }
    return e;
}
function describeAccessFailure(error, connection) {
    const e = rootOf(error);
    const broker = e.broker ?? connection.brokers.join(',');
    const mechanism = connection.sasl?.mechanism ?? 'off';
    if (e.type === 'UNSUPPORTED_SASL_MECHANISM' ||
        (e.name === 'KafkaJSSASLAuthenticationError' &&
            /mechanism is not supported/.test(e.message ?? ''))) {
        return `Kafka does not accept the SASL mechanism KAFKA_SASL_MECHANISM=${mechanism} on this listener (${e.message})`;
    }
    if (e.name === 'KafkaJSSASLAuthenticationError' || e.type === 'SASL_AUTHENTICATION_FAILED') {
        return `Kafka rejected the SASL login (${mechanism}): wrong KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD (${e.message})`;
    }
    const code = String(e.code ?? '');
    const ca = connection.sslFiles.ca;
    if (UNTRUSTED_CHAIN.has(code)) {
        const fix = ca === null
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
        const fix = connection.sslFiles.cert === null
            ? 'it requires one: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE'
            : 'KAFKA_SSL_CERT_FILE is not signed by a CA the broker trusts';
        return `Kafka broker ${broker} refused the client certificate (${code}): ${fix}`;
    }
    if (NOT_TLS.has(code)) {
        return `Kafka broker ${broker} does not answer TLS on that port (${code}): check KAFKA_SSL and the listener`;
    }
    return null;
}
async function checkKafkaAccess(connection, role) {
    const config = (0, kafka_client_options_1.kafkaClientConfig)(connection, role);
    const admin = new kafkajs_1.Kafka({ ...config, logLevel: kafkajs_1.logLevel.NOTHING, retry: { retries: 0 } }).admin();
    try {
        await admin.connect();
    }
    catch (error) {
        const failure = describeAccessFailure(error, connection);
        if (failure !== null)
            throw new KafkaAccessError(failure);
    }
    finally {
        await admin.disconnect().catch(() => undefined);
    }
}
//# sourceMappingURL=kafka-access.js.map