import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "stacks/test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.e2e.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 180_000,
    env: { POWERTOOLS_LOG_LEVEL: "WARN", SST_TELEMETRY_DISABLED: "1" },
  },
});
