import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["../../scripts/vitest-temp-dir.ts"],
    // *.spec.ts: one per policy (compliance-policies style); *.integration.test.ts: the real engine.
    include: ["src/**/*.spec.ts", "src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60 * 60_000,
    pool: "forks",
  },
});
