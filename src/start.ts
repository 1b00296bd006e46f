/**
 * The registry's production entry (`node dist/start.js`: the image's command, `npm start`,
 * `npm run dev`). It runs dist/bundle/registry.js, which holds dist/main.js and everything it
 * loads in one file (scripts/bundle.mjs), compiled from the V8 code cache written beside it at
 * build time. Finding, reading and compiling some 1,600 module files was most of a replica's
 * start-up before it reads the state topic. Without a bundle (a plain `nest build`), it runs
 * dist/main.js.
 *
 *   node dist/start.js                      serves, as dist/main.js does
 *   node dist/start.js --write-code-cache   compiles and loads the bundle, writes its code cache
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

type Main = typeof import('./main');

const BUNDLE = join(__dirname, 'bundle', 'registry.js');
const CODE_CACHE = `${BUNDLE}.v8cache`;

/** Whether the code cache compiled the bundle. V8 rejects one written by another Node.js version or with other V8 flags. */
type CodeCacheUse = 'used' | 'rejected' | 'absent';

interface LoadedBundle {
  main: Main;
  codeCache: CodeCacheUse;
  script: Script;
}

function readCodeCache(): Buffer | undefined {
  try {
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

/** Compiles the bundle (from the code cache when given) and loads it, as require() would. */
function loadBundle(cachedData: Buffer | undefined): LoadedBundle {
  const script = new Script(wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  const module = { exports: {} as Main };
  const load = script.runInThisContext() as (
    exports: Main,
    require: NodeJS.Require,
    module: { exports: Main },
    filename: string,
    dirname: string,
  ) => void;
  load.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const codeCache =
    cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  return { main: module.exports, codeCache, script };
}

/** What the log says about how the registry was loaded. */
function describeLoad(codeCache: CodeCacheUse): string {
  switch (codeCache) {
    case 'used':
      return 'loaded from dist/bundle/registry.js with its code cache';
    case 'rejected':
      return (
        'loaded from dist/bundle/registry.js without its code cache, which V8 rejected: it was written ' +
        'by another Node.js version or with other V8 flags (NODE_OPTIONS such as --max-old-space-size); ' +
        'start-up compiles the bundle instead'
      );
    case 'absent':
      return `loaded from dist/bundle/registry.js without a code cache (${CODE_CACHE} is missing)`;
  }
}

function run(): void {
  if (process.argv.includes('--write-code-cache')) {
    // Loading evaluates every module of the server (main.js imports it all), so the cache holds
    // the code that start-up runs, not only the top level.
    const { script } = loadBundle(undefined);
    writeFileSync(CODE_CACHE, script.createCachedData());
    process.exit(0);
  }
  if (!existsSync(BUNDLE)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./main') as Main).run(
      'loaded from dist/main.js (no bundle: npm run build makes one)',
    );
    return;
  }
  const { main, codeCache } = loadBundle(readCodeCache());
  main.run(describeLoad(codeCache));
}

run();
