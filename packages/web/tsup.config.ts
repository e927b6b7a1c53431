import { defineConfig } from 'tsup';

// ESM only, like the server that registers it; the page scripts are bundled from src/client at start.
export default defineConfig({ entry: ['src/index.ts'], format: ['esm'], dts: true, clean: true, sourcemap: true });
