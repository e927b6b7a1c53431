import { defineConfig } from 'tsup';

// ml-matrix is bundled: imported as a package, its CommonJS build cost ~30 ms of every start-up (the CLI and each of
// its worker threads) in Node's CommonJS export scan. Its licence is in THIRD_PARTY_LICENSES.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  noExternal: ['ml-matrix'],
  banner: { js: '/*! Bundles ml-matrix 6.15.1, (c) 2014 Michaël Zasso, MIT License: see THIRD_PARTY_LICENSES */' },
});
