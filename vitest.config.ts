import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: tests that start the CLI as child processes take 10-20 s on two busy cores, and minutes when the
    // machine runs more than the suite (60 s was seen to run out for two CLI starts at a load of 17).
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only adds contention on the databases.
    maxWorkers: 2,
    // expect.poll waits 1 s by default: a page still loading on two busy cores is no defect. A poll that fails
    // still fails, after 15 s (browser tests were seen to run out of the 1 s under the full suite's load).
    expect: { poll: { timeout: 15_000 } },
  },
});
