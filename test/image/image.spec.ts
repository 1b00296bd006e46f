/**
 * The container image, run the way Kubernetes runs it: its entrypoint and command, its user,
 * working directory and environment, tini as PID 1, a read-only root file system with a writable
 * /tmp, against a real Kafka broker. Run by scripts/image-test.sh (npm run test:image), which
 * builds the image with buildah, mounts its root file system and starts the broker.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait';

const CONTAINER_RUN = join(__dirname, '..', '..', 'scripts', 'container-run.sh');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

function fromEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these checks through npm run test:image`);
  return value;
}

/** What Kubernetes and Docker read from the image configuration (`buildah inspect`). */
interface ImageConfig {
  User?: string;
  Entrypoint?: string[];
  Cmd?: string[];
  ExposedPorts?: Record<string, unknown>;
  Env?: string[];
  WorkingDir?: string;
  Healthcheck?: { Test?: string[] };
}

const image = JSON.parse(readFileSync(fromEnv('IMAGE_INSPECT'), 'utf8')) as {
  Docker: { config: ImageConfig };
};
const config = image.Docker.config;

/** The first child of a process, from /proc. */
function childOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  if (!children) throw new Error(`process ${pid} has no child`);
  return Number(children.split(' ')[0]);
}

function procStatus(pid: number, field: string): string[] {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line
    ? line
        .slice(field.length + 1)
        .trim()
        .split(/\s+/)
    : [];
}

describe('the image configuration', () => {
  it('runs as a numeric user other than root', () => {
    expect(config.User).toMatch(/^[1-9][0-9]*(:[0-9]+)?$/);
  });

  it('starts node dist/start.js under tini', () => {
    expect(config.Entrypoint).toEqual(['tini', '--']);
    expect(config.Cmd).toEqual(['node', 'dist/start.js']);
  });

  it('works in /app with NODE_ENV=production and exposes 4000/tcp', () => {
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toContain('NODE_ENV=production');
    expect(Object.keys(config.ExposedPorts ?? {})).toContain('4000/tcp');
  });

  it('has a HEALTHCHECK that probes /health/live', () => {
    const test = config.Healthcheck?.Test ?? [];
    expect(test[0]).toBe('CMD');
    expect(test.join(' ')).toContain('/health/live');
  });
});

describe('a container of the image', () => {
  const [uid, gid = uid] = (config.User ?? '').split(':');
  let env: string[];
  let url: string;
  let runner: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let pid1: number;

  /** A command inside the running container, as `docker exec` would run it. */
  function execInContainer(command: string[]): Promise<unknown> {
    const nsenter = ['--target', String(pid1), '--mount', '--pid', '--root', '--wd'];
    const user = ['--setgid', gid, '--setuid', uid];
    return promisify(execFile)('nsenter', [...nsenter, ...user, '/usr/bin/env', '-i', ...command]);
  }

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = [...(config.Env ?? []), `PORT=${port}`, `KAFKA_BROKERS=${fromEnv('KAFKA_BROKERS')}`];
    const entrypoint = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
    const container = [fromEnv('IMAGE_ROOTFS'), config.WorkingDir ?? '/', `${uid}:${gid}`];
    runner = spawn(CONTAINER_RUN, [...container, '/usr/bin/env', '-i', ...env, ...entrypoint], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) =>
      runner.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const log = process.env.CONTAINER_LOG ? createWriteStream(process.env.CONTAINER_LOG) : null;
    for (const stream of [runner.stdout!, runner.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        log?.write(chunk);
      });
    }
    runner.once('close', () => log?.end());
    const ready = await waitFor(
      `${url}/health/ready`,
      async () => {
        if (runner.exitCode !== null || runner.signalCode !== null) return 'exited';
        const res = await fetch(`${url}/health/ready`);
        await res.arrayBuffer();
        return res.status === 200;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 500 },
    );
    if (ready === 'exited') throw new Error(`the container exited before it was ready:\n${output}`);
    pid1 = childOf(runner.pid!);
  });

  afterAll(async () => {
    if (runner && runner.exitCode === null && runner.signalCode === null) {
      runner.kill('SIGKILL');
      await exited;
    }
  });

  it('compiles the bundle from the code cache its build wrote (same Node.js, same V8 flags)', () => {
    expect(output).toContain('loaded from dist/bundle/registry.js with its code cache');
  });

  it('answers GET /prometheus/targets with 200 []', async () => {
    const res = await fetch(`${url}/prometheus/targets`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('[]');
  });

  it("runs tini as PID 1 and node under it as the image's user", () => {
    expect(readFileSync(`/proc/${pid1}/comm`, 'utf8').trim()).toBe('tini');
    expect(procStatus(pid1, 'NSpid')).toEqual([String(pid1), '1']);
    const node = childOf(pid1);
    expect(readFileSync(`/proc/${node}/comm`, 'utf8').trim()).toBe('node');
    expect(procStatus(node, 'Uid')[0]).toBe(uid);
  });

  it("passes the image's HEALTHCHECK, which fails where nothing listens", async () => {
    const healthcheck = (config.Healthcheck?.Test ?? []).slice(1);
    await execInContainer([...env, ...healthcheck]);
    const nothing = `PORT=${await freePort()}`;
    await expect(execInContainer([...env, nothing, ...healthcheck])).rejects.toMatchObject({
      code: 1,
    });
  });

  it('exits 0 on SIGTERM to PID 1, as `docker stop` and Kubernetes send it', async () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(resolve, STOP_TIMEOUT_MS, `still running after ${STOP_TIMEOUT_MS} ms`);
    });
    process.kill(pid1, 'SIGTERM');
    try {
      expect(await Promise.race([exited, deadline])).toEqual({ code: 0, signal: null });
    } finally {
      clearTimeout(timer);
    }
  });
});
