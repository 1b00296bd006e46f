import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  java: string;
  kafka: string;
  autocannon: string;
  peer: string;
  commit: string;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    return stderr ?? '';
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

function javaVersion(): string {
  const out = execFileSync('sh', ['-c', 'java -version 2>&1 || true'], { encoding: 'utf8' });
  return out.split('\n')[0].trim() || 'not found';
}

function kafkaVersion(): string {
  const libs = join(ROOT, '.cache', 'kafka', 'libs');
  if (!existsSync(libs)) return 'unknown';
  const jar = readdirSync(libs).find((f) => /^kafka_2\.\d+-[\d.]+\.jar$/.test(f));
  return jar
    ? `Apache Kafka ${jar.replace(/^kafka_/, '').replace(/\.jar$/, '')} (KRaft, one node)`
    : 'unknown';
}

function packageVersion(name: string): string {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
    : 'not installed';
}

export function describeMachine(peerBin: string | null): Machine {
  const status = run('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']).trim();
  const commit = run('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).trim();
  const peerVersion = peerBin
    ? run(join(peerBin, '..', 'python'), [
        '-c',
        'import importlib.metadata as m; print(m.version("prometheus-http-sd"))',
      ]).trim()
    : '';
  return {
    cpus: cpus().length,
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    java: javaVersion(),
    kafka: kafkaVersion(),
    autocannon: packageVersion('autocannon'),
    peer: peerVersion ? `prometheus-http-sd ${peerVersion}` : 'not installed',
    commit: commit ? `${commit}${status ? ' (with uncommitted changes)' : ''}` : 'unknown',
  };
}
