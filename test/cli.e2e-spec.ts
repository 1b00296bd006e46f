import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { CLI, freePort, kafkaEnv, runCli } from './support/cli';
import { testBrokers, uniqueTopics } from './support/kafka';
import { getTargets, waitReady } from './support/registry-app';
import { waitFor } from './support/wait';

describe('metrics-registry CLI: serve, register, list, deregister', () => {
  const topics = uniqueTopics();
  const env = kafkaEnv(testBrokers(), topics);
  let server: ChildProcess;
  let serverExit: Promise<number | null>;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [CLI, 'serve'], {
      env: {
        ...env,
        PORT: String(port),
        KAFKA_GROUP_ID: `cli-${randomUUID()}`,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    serverExit = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
    await waitReady(url);
  });

  afterAll(async () => {
    if (server?.exitCode === null) server.kill('SIGKILL');
  });

  it('registers a target that the served registry lists, and withdraws it', async () => {
    const register = await runCli(
      [
        'register',
        '--uuid',
        'cli-app-1',
        '--host',
        'cli-app',
        '--port',
        '9100',
        '--label',
        'env=e2e',
        '--label',
        'team=metrics',
      ],
      env,
    );
    expect(register).toEqual({
      code: 0,
      signal: null,
      stdout: 'registered cli-app-1: http://cli-app:9100/metrics\n',
      stderr: '',
    });
    const group = {
      targets: ['cli-app:9100'],
      labels: {
        __metrics_path__: '/metrics',
        __scheme__: 'http',
        __meta_registry_application_uuid: 'cli-app-1',
        env: 'e2e',
        team: 'metrics',
      },
    };
    await waitFor('the target to be served', async () => {
      const { body } = await getTargets(url);
      return JSON.stringify(body) === JSON.stringify([group]);
    });

    const table = await runCli(['list', '--url', url], env);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toBe(
      'APPLICATION UUID  ENDPOINT                     LABELS\n' +
        'cli-app-1         http://cli-app:9100/metrics  env=e2e,team=metrics\n',
    );
    const json = await runCli(['list', '--url', url, '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([group]);

    const deregister = await runCli(['deregister', '--uuid', 'cli-app-1'], env);
    expect(deregister).toMatchObject({ code: 0, stdout: 'deregistered cli-app-1\n', stderr: '' });
    await waitFor('the target to leave', async () => (await getTargets(url)).text === '[]');
    expect((await runCli(['list', '--url', url], env)).stdout).toBe(
      'APPLICATION UUID  ENDPOINT  LABELS\n',
    );
  });

  it('registers with a lease that runs out when nobody renews it', async () => {
    const register = await runCli(
      ['register', '--uuid', 'cli-lease', '--host', '10.0.0.7', '--port', '9100', '--ttl', '5'],
      env,
    );
    expect(register.stdout).toBe('registered cli-lease: http://10.0.0.7:9100/metrics, lease 5 s\n');
    await waitFor('the leased target to be served', async () =>
      (await getTargets(url)).text.includes('cli-lease'),
    );
    await waitFor(
      'the lease to run out',
      async () => !(await getTargets(url)).text.includes('cli-lease'),
      { timeoutMs: 20_000 },
    );
  });

  it('refuses a target breaking a rule with the field and reason, exit 2, nothing sent', async () => {
    const result = await runCli(
      ['register', '--uuid', 'cli-bad', '--host', 'cli-app', '--port', '70000'],
      env,
    );
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: 'metrics-registry register: port: must be an integer from 1 to 65535\n',
    });
    const usage = await runCli(['register', '--uuid', 'cli-bad', '--host', 'cli-app'], env);
    expect(usage).toMatchObject({
      code: 2,
      stderr: 'metrics-registry register: --port is required\n',
    });
  });

  it('fails with exit 1 and one line when Kafka or the registry cannot be reached', async () => {
    const nothing = await freePort();
    const kafka = await runCli(
      [
        'register',
        ...['--uuid', 'cli-x', '--host', 'h', '--port', '1'],
        ...['--brokers', `127.0.0.1:${nothing}`, '--timeout', '2'],
      ],
      env,
    );
    expect(kafka.code).toBe(1);
    expect(kafka.stderr).toMatch(
      new RegExp(
        `^metrics-registry register: Kafka at 127\\.0\\.0\\.1:${nothing} did not acknowledge the register command within 2 s.*ECONNREFUSED.*\\n$`,
      ),
    );
    expect(kafka.stderr.split('\n')).toHaveLength(2);

    const registry = await runCli(['list', '--url', `http://127.0.0.1:${nothing}`], env);
    expect(registry.code).toBe(1);
    expect(registry.stderr).toBe(
      `metrics-registry list: cannot read http://127.0.0.1:${nothing}/prometheus/targets: connect ECONNREFUSED 127.0.0.1:${nothing}\n`,
    );
  });

  it('prints the help of each command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^Usage: metrics-registry <command>/);
    for (const command of ['serve', 'register', 'deregister', 'list']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: metrics-registry ${command}`));
    }
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^metrics-registry: a command is required/);
  });

  it('serve stops cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    expect(await serverExit).toBe(0);
  });
});
