import { defineConfig } from 'vitest/config';
import { protocolAlias as alias } from './vite.config.ts';

export default defineConfig({
  resolve: { alias },
  test: {
    // On CI a JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/test-results.json' }]] : ['default'],
    // Two files at once on a 2-core machine (vitest's default is one fewer than the cores: one):
    // most files wait on PGlite, child servers, ffmpeg or Chromium rather than compute, and run
    // one by one the suite took ~22 of CI's 25 minutes. The e2e files still run one at a time.
    maxWorkers: 2,
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
