import { UsageError, parseCli } from './cli-args';
import { HELP } from './cli-help';

function usageError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCli(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCli', () => {
  it('reads a register command, with digits turned into numbers and repeated labels', () => {
    const request = parseCli(
      [
        'register',
        '--uuid',
        'shdr-gateway-1',
        '--host',
        'shdr-gateway',
        '--port',
        '4000',
        '--label',
        'env=prod',
        '--label',
        'expr=a=b',
        '--ttl',
        '60',
        '--scheme',
        'https',
        '--path',
        '/m',
      ],
      {},
    );
    expect(request).toEqual({
      command: 'register',
      target: {
        applicationUuid: 'shdr-gateway-1',
        host: 'shdr-gateway',
        port: 4000,
        path: '/m',
        scheme: 'https',
        labels: { env: 'prod', expr: 'a=b' },
        ttlSeconds: 60,
      },
      kafka: expect.objectContaining({
        topics: expect.objectContaining({
          register: 'metrics-registry.register',
          deregister: 'metrics-registry.deregister',
        }),
        timeoutMs: 15_000,
      }),
    });
  });

  it('leaves a non-numeric port or ttl as given, for the registry rules to name the field', () => {
    const request = parseCli(
      ['register', '--uuid', 'a', '--host', 'h', '--port', 'http', '--ttl', '1m'],
      {},
    );
    expect(request).toMatchObject({ target: { port: 'http', ttlSeconds: '1m' } });
  });

  it('takes the brokers from --brokers, else KAFKA_BROKERS, and the topics from the environment', () => {
    const env = { KAFKA_BROKERS: 'k1:9092,k2:9092', REGISTRY_REGISTER_TOPIC: 'reg' };
    const fromEnv = parseCli(['deregister', '--uuid', 'a'], env);
    expect(fromEnv).toMatchObject({
      command: 'deregister',
      applicationUuid: 'a',
      kafka: { connection: { brokers: ['k1:9092', 'k2:9092'] }, topics: { register: 'reg' } },
    });
    const fromFlag = parseCli(['deregister', '--uuid', 'a', '--brokers', 'k3:9093'], env);
    expect(fromFlag).toMatchObject({ kafka: { connection: { brokers: ['k3:9093'] } } });
  });

  it('ignores the parts of the registry configuration the command does not use', () => {
    expect(() => parseCli(['deregister', '--uuid', 'a'], { PORT: 'not-a-port' })).not.toThrow();
  });

  it('names the flag or the variable that is wrong', () => {
    expect(usageError(['register', '--uuid', 'a', '--host', 'h'])).toBe('--port is required');
    expect(usageError(['register', '--uuid', 'a', '--host', 'h', '--port'])).toBe(
      '--port needs a value (see metrics-registry register --help)',
    );
    expect(usageError(['register', '--uuid', 'a', '--host', 'h', '--port', '1', '--lable'])).toBe(
      'unknown option --lable (see metrics-registry register --help)',
    );
    expect(
      usageError(['register', '--uuid', 'a', '--host', 'h', '--port', '1', '--label', 'x']),
    ).toBe('--label must be NAME=VALUE, got "x"');
    expect(usageError(['deregister', '--uuid', 'a', '--brokers', 'nope'])).toBe(
      '--brokers must be a comma-separated list of host:port, got "nope"',
    );
    expect(usageError(['deregister', '--uuid', 'a'], { KAFKA_BROKERS: 'nope' })).toBe(
      'invalid configuration: KAFKA_BROKERS must be a comma-separated list of host:port, got "nope"',
    );
    expect(usageError(['deregister', '--uuid', 'a', '--timeout', '0'])).toBe(
      '--timeout must be a number of seconds above 0, got "0"',
    );
    expect(usageError(['list', 'extra'])).toMatch(/^Unexpected argument 'extra'/);
    expect(usageError(['lsit'])).toMatch(/^unknown command "lsit"/);
    expect(usageError([])).toMatch(/^a command is required/);
  });

  it('says what is wrong with an option, and takes a value after =', () => {
    expect(usageError(['list', '--json=yes'])).toBe(
      '--json does not take a value (see metrics-registry list --help)',
    );
    expect(usageError(['list', '-x'])).toBe('unknown option -x (see metrics-registry list --help)');
    expect(usageError(['list', '--', '--json'])).toMatch(/^Unexpected argument '--json'/);
    expect(usageError(['register', '--uuid', 'a', '--host', 'h', '--port', '--lable'])).toBe(
      '--port needs a value, or write --port=--lable if "--lable" is its value' +
        ' (see metrics-registry register --help)',
    );
    expect(parseCli(['deregister', '--uuid=-a', '--timeout', '2'], {})).toMatchObject({
      applicationUuid: '-a',
      kafka: { timeoutMs: 2000 },
    });
  });

  it('lists in the help the variables each command reads', () => {
    expect(HELP.serve).toMatch(/^ {2}KAFKA_GROUP_ID +.+\n +\(default metrics-registry\)$/m);
    expect(HELP.serve).toMatch(/^ {2}KAFKA_BROKER +alias of KAFKA_BROKERS/m);
    expect(HELP.register).toMatch(/^ {2}KAFKA_SASL_PASSWORD +/m);
    expect(HELP.deregister).toMatch(/^ {2}REGISTRY_DEREGISTER_TOPIC +/m);
    expect(HELP.register).not.toContain('REGISTRY_STATE_TOPIC');
  });

  it('gives the help of each command', () => {
    expect(parseCli(['--help'], {})).toEqual({ command: 'help', text: HELP.main });
    expect(parseCli(['help', 'list'], {})).toEqual({ command: 'help', text: HELP.list });
    expect(parseCli(['register', '--help'], {})).toEqual({ command: 'help', text: HELP.register });
    expect(parseCli(['deregister', '-h'], {})).toEqual({ command: 'help', text: HELP.deregister });
    expect(parseCli(['serve', '--help'], {})).toEqual({ command: 'help', text: HELP.serve });
  });

  it('reads the SD endpoint URL of list, with a default path and credentials', () => {
    expect(parseCli(['list'], {})).toEqual({
      command: 'list',
      url: 'http://localhost:4000/prometheus/targets',
      authorization: null,
      json: false,
      timeoutMs: 15_000,
    });
    expect(
      parseCli(
        ['list', '--url', 'http://r:4000/sd?shard=0&shards=2', '--json', '--token', 't'],
        {},
      ),
    ).toMatchObject({
      url: 'http://r:4000/sd?shard=0&shards=2',
      authorization: 'Bearer t',
      json: true,
    });
    expect(parseCli(['list', '--url', 'http://prom:p%40ss@r:4000'], {})).toMatchObject({
      url: 'http://r:4000/prometheus/targets',
      authorization: `Basic ${Buffer.from('prom:p@ss').toString('base64')}`,
    });
    expect(usageError(['list', '--url', 'ftp://r'])).toBe(
      '--url must be an http or https URL, got "ftp://r"',
    );
  });
});
