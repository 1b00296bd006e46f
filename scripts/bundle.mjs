// Bundles the built registry (dist/main.js and everything it loads, node_modules included) into
// dist/bundle/registry.js, then writes V8's code cache for it with this Node.js (dist/start.js
// --write-code-cache). Run by `npm run build` after `nest build`; dist/start.js runs the bundle.
//
// Left out of the bundle, and loaded from node_modules when used:
// - what does not resolve: the optional packages Nest probes for (other transports, ORMs);
// - packages that serve files from their own folder (swagger-ui-dist, for the REST API's docs).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OWN_FILES = new Set(['swagger-ui-dist']);

/**
 * Marks a package external when it is one of OWN_FILES or does not resolve from its importer.
 * Node's built-in modules resolve, and esbuild leaves them external itself (platform node).
 */
const externals = {
  name: 'externals',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      if (OWN_FILES.has(name)) return { external: true };
      try {
        createRequire(join(resolveDir, 'index.js')).resolve(path);
        return null;
      } catch {
        return { external: true };
      }
    });
  },
};

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: { registry: 'dist/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Stack traces keep the functions' names.
  minify: false,
  // Class and function names as in the source: Nest names loggers and providers after them.
  keepNames: true,
  plugins: [externals],
  logLevel: 'warning',
});
execFileSync(process.execPath, [join(root, 'dist/start.js'), '--write-code-cache'], { stdio: 'inherit' });
console.log(`[bundle] dist/bundle/registry.js and its code cache in ${Date.now() - started} ms`);
