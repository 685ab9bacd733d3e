import { defineConfig } from 'vitest/config';
import { protocolAlias as alias } from './vite.config.ts';

export default defineConfig({
  resolve: { alias },
  test: {
    // On CI a JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/test-results.json' }]] : ['default'],
    projects: [
      {
        resolve: { alias },
        // PGlite's first open takes seconds, more on a loaded 2-core machine: generous hook time, no timing assertions.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', hookTimeout: 120_000, testTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
