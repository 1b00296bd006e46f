"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sslOptions = sslOptions;
exports.kafkaClientConfig = kafkaClientConfig;
const common_1 = require("@nestjs/common");
const kafkajs_1 = require("kafkajs");
const logger = new common_1.Logger('kafkajs');
function logCreator() {
    return ({ level, log }) => {
        const { message, ...extra } = log;
        if (message.startsWith('Limiting retries for the idempotent producer'))
            return;
        const line = `${message} ${JSON.stringify(extra)}`;
        if (level === kafkajs_1.logLevel.ERROR || level === kafkajs_1.logLevel.WARN)
            logger.warn(line);
        else
            logger.debug(line);
    };
}
function sslOptions(connection) {
    if (!connection.ssl)
        return false;
    const { ca, cert, key } = connection.sslFiles;
    return {
        rejectUnauthorized: true,
        ...(ca !== null && { ca: ca.pem }),
        ...(cert !== null && key !== null && { cert: cert.pem, key: key.pem }),
    };
}
function kafkaClientConfig(connection, role) {
    return {
        clientId: `${connection.clientId}-${role}`,
        brokers: connection.brokers,
        ssl: sslOptions(connection),
        sasl: connection.sasl
            ? {
                mechanism: connection.sasl.mechanism,
                username: connection.sasl.username,
                password: connection.sasl.password,
            }
            : undefined,
        logLevel: kafkajs_1.logLevel.WARN,
        logCreator,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    };
}
//# sourceMappingURL=kafka-client.options.js.map