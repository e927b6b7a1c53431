import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kuulo/source'] },
  ssr: { resolve: { conditions: ['@kuulo/source'] } },
  test: { name: 'web', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
});
