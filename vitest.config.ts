import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    // contracts/ runs on its own (`npm run contracts`): consumer first, then provider.
    exclude: ["**/node_modules/**", "**/dist/**", "**/.emulator-state/**", "contracts/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI runs on 2 cores; several suites start real servers and worker threads.
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: "true" },
    coverage: {
      provider: "v8",
      include: ["handler/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/test-support/**"],
      reporter: ["text-summary", "text"],
      thresholds: { lines: 90 },
    },
  },
});
