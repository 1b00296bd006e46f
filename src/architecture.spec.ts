import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Every .ts file under src (specs excluded) with the src-relative folders it imports. */
function folderImports(): Map<string, Set<string>> {
  const root = __dirname;
  const graph = new Map<string, Set<string>>();
  const folderOf = (file: string) => relative(root, file).split(sep)[0].replace(/\.ts$/, '');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  for (const file of walk(root)) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), match[1]));
      if (to !== from && !to.startsWith('..')) edges.add(to);
    }
  }
  return graph;
}

/** The folders on a cycle, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the folders of src', () => {
  const graph = folderImports();

  it('import each other without a loop', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('keep the leaves free of features and entry points', () => {
    const upper = new Set([
      'registry',
      'discovery',
      'api',
      'health',
      'status',
      'client',
      'cli',
      'app.module',
    ]);
    for (const leaf of [
      'config',
      'kafka',
      'telemetry',
      'resilience',
      'auth',
      'logging',
      'target',
    ]) {
      const reached = [...(graph.get(leaf) ?? [])].filter((to) => upper.has(to));
      expect({ leaf, reached }).toEqual({ leaf, reached: [] });
    }
  });

  it('let the client reach only the vocabulary and the resilience helpers', () => {
    expect([...(graph.get('client') ?? [])].sort()).toEqual(['resilience', 'target']);
  });

  it('finds a loop when there is one', () => {
    const looped = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(looped)).toEqual(['a', 'b', 'c', 'a']);
  });
});
