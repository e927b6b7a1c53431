import { defineConfig } from 'tsup';

// readVotesPart and helperWorker are worker entries; shims give the CJS bundle import.meta.url to find it.
export default defineConfig({ entry: ['src/index.ts', 'src/bin.ts', 'src/readVotesPart.ts', 'src/helperWorker.ts'], format: ['esm', 'cjs'], dts: { entry: ['src/index.ts', 'src/bin.ts'] }, clean: true, sourcemap: true, shims: true });
