import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  /** Self time by where the code comes from (idle, GC, kafkajs, @nestjs, node internals, …). */
  byOrigin: ProfileShare[];
  /** The functions with the most self time, idle excluded. */
  topFunctions: ProfileShare[];
}

/** Where a frame's code lives: a package, Node's own code, the registry's dist/, or a VM state. */
export function originOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(idle)') return 'idle (waiting for I/O)';
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(program)') return 'V8/native (program)';
    return 'native';
  }
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/dist-bench/app/') || url.includes('/dist/')) return 'registry code (dist/)';
  if (url.includes('/dist-bench/')) return 'bench preload';
  return 'other';
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg) return pkg[1];
  const dist = /\/(?:dist-bench\/app|dist)\/(.*)$/.exec(url);
  return dist ? `dist/${dist[1]}` : url;
}

/**
 * Sums self time per origin and per function of a .cpuprofile written by `node --cpu-prof`,
 * over the window from `fromMs` to `toMs` after the profile started.
 */
export function summarizeCpuProfile(
  file: string,
  fromMs = 0,
  toMs = Infinity,
  top = 12,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let elapsedUs = 0;
  let wallUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsedUs += delta;
    if (elapsedUs < fromMs * 1000 || elapsedUs > toMs * 1000) continue;
    wallUs += delta;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const origins = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const origin = originOf(url, functionName);
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    if (origin.startsWith('idle')) continue;
    const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`;
    functions.set(name.trim(), (functions.get(name.trim()) ?? 0) + us);
  }
  const shares = (entries: Map<string, number>) =>
    [...entries]
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / wallUs }))
      .sort((a, b) => b.ms - a.ms);
  return {
    wallMs: wallUs / 1000,
    byOrigin: shares(origins),
    topFunctions: shares(functions).slice(0, top),
  };
}
