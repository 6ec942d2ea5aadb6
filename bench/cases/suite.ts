/**
 * Case 7, suite time: wall time of `npm test` (which ends with the contract step) and of the contract
 * step alone (`npm run contracts`: the root Vitest config leaves contracts/ out), each in a child
 * process, with the CPU time each used. Only with `--suite`: the whole suite takes minutes and loads
 * both cores.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "../../emulator/config/defaults.js";
import { endedChildrenCpuMs } from "../process-stats.js";

interface Timed {
  ms: number;
  /** User + system CPU of the command and everything it started. */
  cpuMs: number;
  code: number | null;
  /** The end of its output, for the error when it fails. */
  tail: string;
}

/** Output kept from each command: enough for a failing test's name and assertion. */
const TAIL_CHARS = 6000;

function timed(command: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const cpu = endedChildrenCpuMs();
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1" },
    });
    let tail = "";
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-TAIL_CHARS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - t;
      const cpuMs = endedChildrenCpuMs() - cpu;
      // The last output may still be in the pipes; a process the suite left behind may hold them open.
      const done = () => resolve({ ms, cpuMs, code, tail });
      const waited = setTimeout(done, 2000);
      child.once("close", () => {
        clearTimeout(waited);
        done();
      });
    });
  });
}

/** A failed run's time is not the suite's: the error carries the end of its output instead. */
function failure(what: string, run: Timed): Error {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes Vitest writes
  const plain = run.tail.replace(/\x1b\[[0-9;]*m/g, "");
  return new Error(`${what} failed (exit ${run.code}); the end of its output:\n${plain}`);
}

export async function measureSuite(log: (line: string) => void, runs = 1): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = { npmTest: [], npmTestCpu: [], contracts: [] };
  for (let i = 0; i < runs; i++) {
    const all = await timed("npm", ["test"]);
    log(
      `  npm test: ${(all.ms / 1000).toFixed(1)} s, ${(all.cpuMs / 1000).toFixed(0)} s of CPU (exit ${all.code})`,
    );
    if (all.code !== 0)
      throw new Error(`npm test failed (exit ${all.code}): its time would not be the suite's`);
    out.npmTest?.push(all.ms);
    out.npmTestCpu?.push(all.cpuMs);
    const c = await timed("npm", ["run", "contracts"]);
    log(`  contract step: ${(c.ms / 1000).toFixed(1)} s (exit ${c.code})`);
    if (c.code !== 0) throw failure("npm run contracts", c);
    out.contracts?.push(c.ms);
  }
  return out;
}
