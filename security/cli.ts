/**
 * `npm run attack`: runs the catalogue and prints one row per case, a summary line, and exits non-zero on
 * any failure.
 *
 * @example
 *   npm run attack                                   # the local twin (a running one, else started in-process)
 *   npm run attack -- --json attack-report.json
 *   npm run attack -- --only TOK,EDGE --quick        # some categories, small fuzz/load sizes
 *   npm run attack -- --terraform DIR                # another module: the SigV4 and OAC cases (module-target.ts)
 *   npm run attack -- --target https://d111.cloudfront.net/chatbot --token "$ID_TOKEN" \
 *     --function-url https://<url-id>.lambda-url.us-east-1.on.aws     # optional: also try the origin directly
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exitWithUsageError, parseCommandLine, UsageError } from "../emulator/cli/command-line.js";
import { moduleDir, TERRAFORM_FLAG } from "../emulator/cli/module-flag.js";
import { loadStackConfig } from "../emulator/config/load.js";
import { type AttackRun, runAttack } from "./attack-run.js";
import { CATALOGUE } from "./catalogue.js";
import { attackTuning, runningStackTarget, startAttackStack } from "./local-stack.js";
import { MODULE_CASES, startModuleAttack } from "./module-target.js";
import { writeJsonReport } from "./report.js";
import { FULL_SIZES, remoteTarget, type Sizes, type Target } from "./target.js";

const QUICK_SIZES: Sizes = {
  fuzzCases: 300,
  loadConcurrent: 20,
  loadSequential: 100,
  fuzzConcurrency: 4,
};

const COMMAND = {
  command: "npm run attack --",
  summary:
    "Runs the attack catalogue against the local twin (a running one, else started in-process) or a\n" +
    "deployed stack; prints one row per case and a summary; exits 1 when any case fails.",
  usage: "[options]",
  options: {
    target: { type: "string", value: "URL", help: "attack a deployed chatbot endpoint instead of the twin" },
    token: { type: "string", value: "ID_TOKEN", help: "a valid ID token for --target (the control)" },
    "function-url": { type: "string", value: "URL", help: "with --target: also try the origin directly" },
    terraform: {
      ...TERRAFORM_FLAG,
      help: "another Terraform module: its stack in-process, the SigV4 and OAC cases (EDGE-01 to EDGE-13)",
    },
    json: { type: "string", value: "FILE", help: "write a JSON report" },
    only: { type: "string", value: "TOK,EDGE,...", help: "only the categories (case id prefixes) listed" },
    quick: { type: "boolean", default: false, help: "small fuzz and load sizes" },
    fuzz: { type: "string", value: "N", help: "number of fuzzed inputs" },
    concurrent: { type: "string", value: "N", help: "concurrent chats in the load case" },
    sequential: { type: "string", value: "N", help: "sequential chats in the load case" },
  },
  epilog:
    "examples:\n  npm run attack -- --only TOK,EDGE --quick\n" +
    '  npm run attack -- --target https://d111.cloudfront.net/chatbot --token "$ID_TOKEN"',
} as const;

async function main(): Promise<number> {
  const { values } = parseCommandLine(COMMAND);
  const base = values.quick ? QUICK_SIZES : FULL_SIZES;
  const count = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 100_000)
      throw new Error(`not a count from 1 to 100000: ${value}`);
    return n;
  };
  const sizes: Sizes = {
    ...base,
    fuzzCases: count(values.fuzz, base.fuzzCases),
    loadConcurrent: count(values.concurrent, base.loadConcurrent),
    loadSequential: count(values.sequential, base.loadSequential),
  };
  const prefixes = values.only
    ?.split(",")
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  const catalogue = values.terraform ? MODULE_CASES : CATALOGUE;
  const cases = prefixes ? catalogue.filter((c) => prefixes.some((p) => c.id.startsWith(p))) : catalogue;

  let target: Target;
  let cleanup = async () => {};
  if (values.terraform) {
    if (values.target)
      exitWithUsageError(COMMAND, "--terraform runs a module here; --target attacks a deployed stack");
    let dir: string;
    try {
      dir = moduleDir(values.terraform);
    } catch (error) {
      if (error instanceof UsageError) exitWithUsageError(COMMAND, error.message);
      throw error;
    }
    const started = await startModuleAttack(dir, sizes);
    target = started.target;
    cleanup = () => started.close();
  } else if (values.target) {
    target = remoteTarget(values.target, values.token, sizes, values["function-url"]);
  } else {
    const config = await loadStackConfig();
    const health = `http://${config.cloudfront.host}:${config.cloudfront.port}/__emulator/health`;
    const running = await fetch(health, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (running) {
      target = runningStackTarget(config, sizes);
    } else {
      // Ephemeral ports and a throw-away state folder: the suite rotates and retires keys.
      const tuned = attackTuning(config);
      for (const part of [tuned.cognito, tuned.gemini, tuned.ssm, tuned.functionUrl, tuned.cloudfront])
        part.port = 0;
      tuned.stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-attack-"));
      const started = await startAttackStack(tuned, sizes);
      target = started.target;
      cleanup = async () => {
        await started.close();
        rmSync(tuned.stateDir, { recursive: true, force: true });
      };
    }
  }

  let run: AttackRun;
  try {
    run = await runAttack(target, cases, (line) => console.log(line));
  } finally {
    await cleanup();
  }
  if (values.json) writeJsonReport(values.json, target.label, run.results);
  return run.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`attack: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
