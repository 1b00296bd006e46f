import { INestApplication, LogLevel as NestLogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { Partitioners } from 'kafkajs';
import { JSON_BODY_OPTIONS, requestBodyErrors } from './api/request-body';
import { AppModule } from './app.module';
import { LogLevel, RegistryConfig } from './config/registry.config';
import { CommandConsumerStatus } from './kafka/command-consumer.status';
import { CommandServer } from './kafka/command-server';
import { checkKafkaAccess } from './kafka/kafka-access';
import { kafkaClientConfig } from './kafka/kafka-client.options';
import { COMMAND, DEREGISTER, REGISTER } from './registry';
import { TARGETS_PATH } from './target/target-paths';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * The Express instance under Nest: one spelling per route (case-sensitive, a trailing slash is
 * another path), no X-Powered-By, and JSON bodies parsed for the REST API only. The router takes
 * its settings when it is created, so they are set before Nest's adapter uses the instance.
 */
function httpAdapter(config: RegistryConfig): ExpressAdapter {
  const instance = express();
  instance.set('case sensitive routing', true);
  instance.set('strict routing', true);
  instance.disable('x-powered-by');
  if (config.apiToken !== null) {
    instance.use(`/${TARGETS_PATH}`, express.json(JSON_BODY_OPTIONS), requestBodyErrors());
  }
  return new ExpressAdapter(instance);
}

/**
 * Builds the hybrid app (HTTP + the Kafka command transport), listens on config.port, then starts
 * the command consumer. The HTTP side comes first so probes and the 503-until-caught-up answer
 * work while Kafka is still being reached.
 */
export async function startRegistryApp(config: RegistryConfig): Promise<INestApplication> {
  // A wrong credential, certificate or mechanism stops startup at once, named, instead of
  // surfacing as connection retries.
  await checkKafkaAccess(config.kafka, 'admin');
  // The REST API and its OpenAPI description (@nestjs/swagger) load only when it is enabled.
  const api = config.apiToken === null ? null : await import('./api/api-docs');
  const app = await NestFactory.create(
    AppModule.forRoot(config, api?.ApiModule),
    httpAdapter(config),
    {
      logger: NEST_LEVELS[config.logLevel],
      // Only the REST API reads bodies, under its own limit (httpAdapter).
      bodyParser: false,
    },
  );
  app.connectMicroservice(
    {
      strategy: new CommandServer(
        {
          client: kafkaClientConfig(config.kafka, 'commands'),
          consumer: { groupId: config.kafka.groupId, allowAutoTopicCreation: false },
          postfixId: '',
          subscribe: { fromBeginning: true },
          run: { autoCommit: false },
          producer: { createPartitioner: Partitioners.DefaultPartitioner },
        },
        {
          [COMMAND]: config.topics.commands,
          [REGISTER]: config.topics.register,
          [DEREGISTER]: config.topics.deregister,
        },
        app.get(CommandConsumerStatus),
      ),
    },
    { inheritAppConfig: true },
  );
  api?.setupApiDocs(app);
  try {
    await app.listen(config.port, config.host);
    await app.startAllMicroservices();
  } catch (error) {
    // A port in use (PORT or METRICS_PORT) must not leave Kafka clients running behind the error.
    await app.close().catch(() => undefined);
    throw error;
  }
  const metricsAt = config.metricsPort === null ? '/metrics' : `/metrics on :${config.metricsPort}`;
  new Logger('MetricsRegistry').log(
    `listening on ${config.host}:${config.port}, SD at ${config.sdEndpoint}, ${metricsAt}, state topic ${config.topics.state}`,
  );
  return app;
}
