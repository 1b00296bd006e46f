export {};

/**
 * Preloaded into measured processes (`node --expose-gc -r …`): a full GC on SIGUSR2, so memory is
 * read without the garbage of the last fetch. Nothing else in the process changes.
 */
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  process.stdout.write(`[bench] gc done ${Date.now()}\n`);
});
