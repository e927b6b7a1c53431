import { defineConfig } from 'tsup';

// readVotesPart and productWorker are worker entries; shims give the CJS bundle import.meta.url to find it.
export default defineConfig({ entry: ['src/index.ts', 'src/bin.ts', 'src/readVotesPart.ts', 'src/productWorker.ts'], format: ['esm', 'cjs'], dts: { entry: ['src/index.ts', 'src/bin.ts'] }, clean: true, sourcemap: true, shims: true });
