/**
 * Case 7, suite time: wall time of `npm test` and of the contract tests alone, each in a child
 * process. Only with `--suite`: the whole suite takes minutes and loads both cores.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "../../emulator/config/defaults.js";

function timed(command: string, args: string[]): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: "ignore", env: { ...process.env, CI: "1" } });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ms: performance.now() - t, code }));
  });
}

function hasTests(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => /\.test\.tsx?$/.test(String(f)));
}

export async function measureSuite(log: (line: string) => void, runs = 1): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = { npmTest: [], contracts: [] };
  for (let i = 0; i < runs; i++) {
    const all = await timed("npm", ["test"]);
    log(`  npm test: ${(all.ms / 1000).toFixed(1)} s (exit ${all.code})`);
    out.npmTest?.push(all.ms);
    const contracts = path.join(REPO_ROOT, "contracts");
    if (hasTests(contracts)) {
      const c = await timed("npx", ["vitest", "run", "contracts"]);
      log(`  contract tests: ${(c.ms / 1000).toFixed(1)} s (exit ${c.code})`);
      out.contracts?.push(c.ms);
    } else {
      log("  contract tests: none found under contracts/ yet");
    }
  }
  return out;
}
