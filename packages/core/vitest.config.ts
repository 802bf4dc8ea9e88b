import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["../../scripts/vitest-temp-dir.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Integration tests start real processes (etcd, kube-apiserver, traefik); they get more time.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
