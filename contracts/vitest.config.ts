/**
 * The contract suite, run by `npm run contracts` in two passes: consumer (writes contracts/pacts/)
 * then provider (reads them). The root config excludes contracts/ so `vitest run` stays fast.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["contracts/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One file at a time: the Pact core and the emulated stack are heavy for 2 cores, and the
    // consumer files each own one pact file.
    fileParallelism: false,
    env: { PACT_DO_NOT_TRACK: "true" },
    // Each pass ends with its wall time and its slowest files, like the root suite.
    reporters: ["default", ["./test/test-support/slowest-files-reporter.ts", { label: "contracts" }]],
  },
});
