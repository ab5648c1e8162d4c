import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests share one seeded Neo4j; some add and remove their own records, so files run one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 900_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
