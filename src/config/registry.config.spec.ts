import { ConfigError, RegistryConfig, loadRegistryConfig } from './registry.config';

describe('loadRegistryConfig', () => {
  it('uses the SPEC §4 defaults', () => {
    const config = loadRegistryConfig({});
    expect(config.port).toBe(4000);
    expect(config.sdEndpoint).toBe('/prometheus/targets');
    expect(config.kafka).toEqual({
      brokers: ['localhost:9092'],
      clientId: 'metrics-registry',
      groupId: 'metrics-registry',
      ssl: false,
      sslFiles: { ca: null, cert: null, key: null },
      sasl: null,
    });
    expect(config.topics).toEqual({
      commands: 'metrics-registry.commands',
      register: 'metrics-registry.register',
      deregister: 'metrics-registry.deregister',
      dlq: 'metrics-registry.dlq',
      state: 'metrics_targets_topic',
    });
    expect([config.statePartitions, config.stateReplication]).toEqual([1, 1]);
    expect([config.metricsPort, config.sdBearerToken, config.sdBasicAuth, config.apiToken]).toEqual(
      [null, null, null, null],
    );
    expect(config.logLevel).toBe('info');
  });

  it('gives a RegistryConfig the same defaults as the environment table', () => {
    expect(loadRegistryConfig({})).toEqual(new RegistryConfig());
  });

  it('reads every variable', () => {
    const config = loadRegistryConfig({
      PORT: '8080',
      PROMETHEUS_SD_ENDPOINT: '/sd',
      KAFKA_BROKER: 'k1:9092',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      REGISTRY_STATE_TOPIC: 'state',
      REGISTRY_STATE_PARTITIONS: '6',
      METRICS_PORT: '9464',
      SD_BEARER_TOKEN: 't',
      SD_BASIC_AUTH: 'prom:se:cret',
      REGISTRY_API_TOKEN: 'api',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.kafka.brokers).toEqual(['k1:9092']);
    expect(config.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
    expect(config.topics.state).toBe('state');
    expect(config.statePartitions).toBe(6);
    expect(config.metricsPort).toBe(9464);
    expect(config.sdBasicAuth).toEqual({ username: 'prom', password: 'se:cret' });
    expect(config.logLevel).toBe('debug');
  });

  it('prefers KAFKA_BROKERS over KAFKA_BROKER', () => {
    expect(
      loadRegistryConfig({ KAFKA_BROKERS: 'a:1,b:2', KAFKA_BROKER: 'c:3' }).kafka.brokers,
    ).toEqual(['a:1', 'b:2']);
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PROMETHEUS_SD_ENDPOINT', { PROMETHEUS_SD_ENDPOINT: 'targets' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }],
    ['KAFKA_SSL', { KAFKA_SSL: 'maybe' }],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'gssapi' }],
    ['KAFKA_SASL_USERNAME', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'p' }],
    ['KAFKA_SASL_PASSWORD', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }],
    ['REGISTRY_REGISTER_TOPIC', { REGISTRY_REGISTER_TOPIC: 'bad topic' }],
    ['REGISTRY_STATE_PARTITIONS', { REGISTRY_STATE_PARTITIONS: '0' }],
    ['METRICS_PORT', { METRICS_PORT: '-1' }],
    ['METRICS_PORT', { PORT: '9000', METRICS_PORT: '9000' }],
    ['SD_BASIC_AUTH', { SD_BASIC_AUTH: 'nocolon' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SD_BEARER_TOKEN', { SD_BEARER_TOKEN: 'token\n' }],
    ['REGISTRY_API_TOKEN', { REGISTRY_API_TOKEN: ' token' }],
  ])('stops with a message naming %s', (variable, env) => {
    expect(() => loadRegistryConfig(env)).toThrow(ConfigError);
    expect(() => loadRegistryConfig(env)).toThrow(
      new RegExp(`^invalid configuration: ${variable} `),
    );
  });

  it('never puts a secret into the error message', () => {
    const messageOf = (env: Record<string, string>) => {
      try {
        loadRegistryConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(messageOf({ SD_BASIC_AUTH: 'hunter2' })).not.toContain('hunter2');
    expect(
      messageOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'hunter2' }),
    ).not.toContain('hunter2');
  });
});
