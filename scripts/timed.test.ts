import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const TIMED = path.join(path.dirname(fileURLToPath(import.meta.url)), "timed.mjs");

/** Runs `node scripts/timed.mjs <label> node -e <script>`. */
function timed(label: string, script: string) {
  return spawnSync(process.execPath, [TIMED, label, process.execPath, "-e", script], { encoding: "utf8" });
}

it("passes the command's output through, then prints its duration", () => {
  const run = timed("contracts", "console.log('from the command'); setTimeout(() => {}, 300)");
  expect(run.status).toBe(0);
  const [first, , last] = run.stdout.split("\n");
  expect(first).toBe("from the command");
  expect(last).toMatch(/^contracts: \S+ -e .* passed in (\d+\.\d) s wall time$/);
  expect(Number(last?.match(/in (\d+\.\d) s/)?.[1])).toBeGreaterThanOrEqual(0.3);
});

it("keeps the command's exit code and says it failed", () => {
  const run = timed("contracts", "process.exit(3)");
  expect(run.status).toBe(3);
  expect(run.stdout).toMatch(/contracts: .* failed \(exit 3\) in \d+\.\d s wall time\n$/);
});

it("refuses to run without a label and a command", () => {
  const run = spawnSync(process.execPath, [TIMED, "only-a-label"], { encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("usage: node scripts/timed.mjs <label> <command> [args...]");
});
