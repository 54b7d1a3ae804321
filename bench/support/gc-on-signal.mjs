// Preloaded (with --expose-gc) into every benchmarked server: SIGUSR2 runs a full collection, so
// memory is compared after garbage collection in every process alike.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
});
