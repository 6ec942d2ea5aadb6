/**
 * Runs `contracts/broker/gate.ts` as `npm run contracts` and the deploy workflow do: a separate
 * process, so its exit code and everything it prints (the `pact-broker` output included) are what
 * a CI log would show. The caller's broker settings are dropped first, so a test never talks to
 * the broker a developer or CI has configured.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const GATE = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "broker", "gate.ts");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

export interface GateRun {
  code: number;
  /** stdout and stderr together, as a CI log shows them. */
  out: string;
}

const GATE_SETTING = /^(PACT_BROKER_|CONTRACT_|PACT_DEPLOY_ENVIRONMENT$|GITHUB_)/;

export async function runGate(args: string[], env: Record<string, string>): Promise<GateRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !GATE_SETTING.test(name)));
  return promisify(execFile)(process.execPath, [TSX, GATE, ...args], {
    env: { ...base, ...env },
    timeout: 90_000,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}
