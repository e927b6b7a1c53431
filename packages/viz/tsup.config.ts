import { defineConfig } from 'tsup';

// ESM only: d3 7 ships no CommonJS build, so a require() entry could never load it.
export default defineConfig({ entry: ['src/index.ts'], format: ['esm'], dts: true, clean: true, sourcemap: true });
