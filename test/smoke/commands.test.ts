/**
 * Every command answers `--help` with its usage and exit 0, and refuses an unknown flag with exit 2
 * naming the valid ones (issue: `npm run ask -- --help` failed, `npm run bench -- --help` ran the
 * whole benchmark and overwrote the tracked results).
 */
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../../emulator/config/defaults.js";

const run = promisify(execFile);

const COMMANDS: Record<string, string> = {
  start: "emulator/cli/start.ts",
  serve: "emulator/cli/serve.ts",
  ask: "emulator/cli/ask.ts",
  token: "emulator/cli/token.ts",
  curl: "emulator/cli/curl.ts",
  attack: "security/cli.ts",
  bench: "bench/run.ts",
};

async function cli(
  file: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ["--import", "tsx", file, ...args], { cwd: REPO_ROOT, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

it.each(Object.entries(COMMANDS))("npm run %s -- --help prints usage and exits 0", async (_name, file) => {
  const results = path.join(REPO_ROOT, "bench/results.json");
  const before = statSync(results).mtimeMs;
  const { code, stdout } = await cli(file, "--help");
  expect(code).toBe(0);
  expect(stdout).toMatch(/^usage: npm (start|run)/);
  expect(stdout).toMatch(/-h, --help\s+show this help/);
  expect(statSync(results).mtimeMs).toBe(before);
});

it.each(Object.entries(COMMANDS))(
  "npm run %s refuses an unknown flag, naming the valid ones",
  async (_name, file) => {
    const { code, stderr } = await cli(file, "--no-such-flag");
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-flag'");
    expect(stderr).toMatch(/Valid options: .*--help/);
  },
);
