import { defineConfig } from 'tsup';

// ESM only: the server resolves its worker and migrations from import.meta.url.
export default defineConfig({ entry: ['src/index.ts', 'src/server.ts', 'src/math/worker.ts', 'src/polis/importWorker.ts'], format: ['esm'], dts: { entry: 'src/index.ts' }, clean: true, sourcemap: true });
