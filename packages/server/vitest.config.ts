import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kuulo/source'] },
  ssr: { resolve: { conditions: ['@kuulo/source'] } },
  test: { name: 'server', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, globalSetup: ['test/support/postgresGlobalSetup.ts'] },
});
