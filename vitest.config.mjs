// Tests are compiled by tsc into dist/test and run from there, so that workers load emitted JS
// from dist/workers exactly as they do for users (see src/pool/worker-url.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['dist/test/**/*.test.js'],
    // The benchmark smoke run (npm run bench -- --quick) takes minutes of its own: .ci/run runs it after npm test.
    // The bench's own unit tests (in-process, fast) run with the suite.
    exclude: process.env.PARIO_BENCH_SMOKE === '1' ? [] : ['dist/test/bench/bench-quick.test.js'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
