import { defineProject } from 'vitest/config';

// The route suite again with every app on PostgreSQL (test/helper.ts reads KUULO_TEST_BACKEND): the same behaviour on both backends.
export default defineProject({
  resolve: { conditions: ['@kuulo/source'] },
  ssr: { resolve: { conditions: ['@kuulo/source'] } },
  test: {
    name: 'server-pg',
    include: ['test/routes/**/*.test.ts', 'test/app.test.ts', 'test/errors.test.ts', 'test/demo.test.ts', 'test/fuzz.test.ts'],
    env: { KUULO_TEST_BACKEND: 'postgres' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/postgresGlobalSetup.ts'],
  },
});
