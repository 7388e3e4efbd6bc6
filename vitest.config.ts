import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The property and differential tests run thousands of cases (the proxy-addr differential, scans of every
    // scenario state); on a 2-core machine running two test files at once they take several seconds each.
    testTimeout: 60_000,
  },
});
