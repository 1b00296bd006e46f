import { join, resolve } from 'node:path';

/** Compiled to dist-bench/bench/support/: the repository root is three levels up. */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const DIST_BENCH = join(ROOT, 'dist-bench');
export const WORK_DIR = join(DIST_BENCH, 'work');
/** A copy of dist/ made by scripts/bench.sh, so a rebuild of dist/ during a run cannot disturb it. */
export const REGISTRY_MAIN = join(DIST_BENCH, 'app', 'start.js');

/** A compiled bench script, by its path under bench/ without extension. */
export function benchScript(name: string): string {
  return join(DIST_BENCH, 'bench', `${name}.js`);
}
