import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { RegistryTopics } from '../../src/config/registry.config';
import { freePort } from './ports';

/** The built package (scripts/test.sh builds dist/ before the end-to-end specs). */
export const DIST = resolve(__dirname, '..', '..', 'dist');
export const CLI = join(DIST, 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment that points the CLI and the client at the test broker and a spec's topics. */
export function kafkaEnv(brokers: string[], topics: RegistryTopics): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_BROKERS: brokers.join(','),
    REGISTRY_COMMAND_TOPIC: topics.commands,
    REGISTRY_REGISTER_TOPIC: topics.register,
    REGISTRY_DEREGISTER_TOPIC: topics.deregister,
    REGISTRY_DLQ_TOPIC: topics.dlq,
    REGISTRY_STATE_TOPIC: topics.state,
  };
}

/** Runs `metrics-registry <args>` to its end (killed after the deadline). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

export { freePort };
