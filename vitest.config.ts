import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@kuulo/source'] },
  ssr: { resolve: { conditions: ['@kuulo/source'] } },
  test: {
    projects: ['packages/*', 'packages/server/vitest.pg.config.ts'],
  },
});
