import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["../../scripts/vitest-temp-dir.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // dist.test.ts rebuilds the bundle; the act end-to-end test runs two workflows.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
