import { defineConfig } from "vitest/config";

/** Browser tests: each file starts its own local runtime in-process and drives Debian's Chromium. */
export default defineConfig({
  test: {
    include: ["web/test/**/*.e2e.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_LOG_LEVEL: "WARN", SST_TELEMETRY_DISABLED: "1" },
  },
});
