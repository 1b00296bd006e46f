import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Preloaded into measured processes (`node -r …`): a full GC on SIGUSR2, so memory is read without
 * the garbage of the last fetch. Nothing else in the process changes: gc() is exposed only when
 * the signal comes, since starting with --expose-gc would make V8 reject the bundle's code cache
 * (a cache holds the V8 flags it was written with) and the start-up measured would not be the
 * image's.
 */
process.on('SIGUSR2', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  process.stdout.write(`[bench] gc done ${Date.now()}\n`);
});
