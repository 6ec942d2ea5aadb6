/**
 * `npm run bench`: how fast and how faithful the offline twin is, measured on loopback.
 *
 *   npm run bench                    full run (a few minutes on 2 cores), results in a temp folder
 *   npm run bench -- --save          the same, and writes the tracked bench/results.{json,md}
 *   npm run bench -- --smoke         tiny sizes, seconds (also BENCH_SMOKE=1); used by bench.test.ts
 *   npm run bench -- --suite         also times `npm test` and the contract tests (takes minutes)
 *   npm run bench -- --out DIR       write the results to DIR
 *   npm run bench -- --only chain    only the named cases (startup, runtime, chain, load)
 *   npm run bench -- --configs worker   only the named stack configurations (default, worker)
 *   npm run bench -- --compare OLD.json [--against NEW.json]   change per metric against OLD
 *
 * Besides results.{json,md} it writes results.samples.json (the bounded raw samples) and three SVG
 * charts rendered from them: latency.svg, throughput.svg, chunk-timeline.svg.
 *   npm run bench -- --profile-dir DIR   keep the .cpuprofile files there
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { exitWithUsageError, type FlagValues, parseCommandLine } from "../emulator/cli/command-line.js";
import { readSetting } from "../emulator/config/settings.js";
import { compareResults, PARTIAL_RUN_NOTE, renderComparison } from "./compare.js";
import { type BenchConfiguration, CONFIGURATION_NAMES, configurationsNamed } from "./configurations.js";
import { emptyResults } from "./metrics.js";
import { type BenchResults, renderMarkdown } from "./report.js";
import { type BenchRun, readResults, writeResults } from "./results-file.js";
import type { BenchSamples } from "./samples.js";
import { recordChain } from "./sections/latency-and-fidelity.js";
import { recordLoad, recordSuite } from "./sections/load.js";
import { recordRuntimes, recordStartup } from "./sections/startup.js";
import { CASES, type CaseName, sizes } from "./sizes.js";
import { checkTargets } from "./targets.js";

export type { BenchRun, WrittenFiles } from "./results-file.js";
export { writeResults } from "./results-file.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface BenchOptions {
  smoke: boolean;
  suite: boolean;
  outDir: string;
  profileDir?: string;
  /** Only these cases (default: all). */
  only?: readonly CaseName[];
  /** Only these stack configurations (default: all, `npm start`'s first). */
  configs?: readonly string[];
  log: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const { log } = options;
  const size = sizes(options.smoke);
  const wanted = new Set<CaseName>(options.only ?? CASES);
  const configurations: BenchConfiguration[] = configurationsNamed(options.configs);
  const started = performance.now();
  const results = emptyResults(options.smoke ? "smoke" : "full");
  results.configurations = configurations.map(({ name, prefix, runtime, label }) => ({
    name,
    prefix,
    runtime,
    label,
  }));
  const samples: BenchSamples = {
    schemaVersion: 1,
    mode: results.mode,
    latency: { chainMs: [], directMs: [] },
    throughput: [],
    chunkTimeline: { pieces: 0, delayMs: 0, chain: [], direct: [] },
  };
  if (options.only || options.configs)
    results.notes.push(
      `${PARTIAL_RUN_NOTE} ${[...wanted].join(", ")}; configurations ${configurations.map((c) => c.name).join(", ")}.`,
    );

  if (wanted.has("startup")) await recordStartup(results, size, log);
  if (wanted.has("runtime")) await recordRuntimes(results, size, log);
  if (wanted.has("chain"))
    await recordChain(results, samples, size, { log, profileDir: options.profileDir, configurations });
  if (wanted.has("load")) await recordLoad(results, samples, size, { log, configurations });
  if (options.suite) await recordSuite(results, log);
  else
    results.notes.push("Suite time (case 7) not measured: run `npm run bench -- --suite` (takes minutes).");

  results.targets = checkTargets(results);
  results.durationMs = performance.now() - started;
  results.notes.push(
    loadNote(results.machine.loadAverageAtStart, os.loadavg()[0] ?? 0, results.machine.cores),
  );
  return { results, samples };
}

/** The machine's load at both ends of the run: above its core count, other work shared the cores. */
export function loadNote(atStart: number, atEnd: number, cores: number): string {
  const loads = `1-minute load average ${atStart.toFixed(1)} at the start, ${atEnd.toFixed(1)} at the end, on ${cores} cores`;
  if (Math.max(atStart, atEnd) <= cores) return `${loads}.`;
  return `${loads}: other work shared the machine, so latencies are upper bounds and chats/s lower bounds; the CPU time per chat (\`cpu.*\`) moves least with it.`;
}

const COMMAND = {
  command: "npm run bench --",
  summary:
    "Measures the offline twin on loopback: start-up, chain overhead, streaming fidelity, throughput,\n" +
    "cost centres, memory; npm start's configuration first, then the worker runtime beside it.\n" +
    "Prints the results; writes the tracked bench/results.{json,md} only with --save.",
  usage: "[options]",
  options: {
    smoke: { type: "boolean", default: false, help: "tiny sizes, seconds (also BENCH_SMOKE=1)" },
    suite: { type: "boolean", default: false, help: "also time `npm test` and the contract tests (minutes)" },
    save: {
      type: "boolean",
      default: false,
      help: "write the tracked bench/results.{json,md}, samples and SVG charts",
    },
    out: {
      type: "string",
      value: "DIR",
      help: "write results.{json,md}, the samples and the SVG charts to DIR (default: a fresh temp folder)",
    },
    "profile-dir": { type: "string", value: "DIR", help: "keep the .cpuprofile files in DIR" },
    only: {
      type: "string",
      value: "CASES",
      help: `run only these cases, comma-separated: ${CASES.join(", ")} (not with --save)`,
    },
    configs: {
      type: "string",
      value: "NAMES",
      help: `measure only these stack configurations, comma-separated: ${CONFIGURATION_NAMES.join(", ")} (default: all, npm start's first; not with --save)`,
    },
    compare: {
      type: "string",
      value: "OLD.json",
      help: "after the run, print the change per metric against an older results file",
    },
    against: {
      type: "string",
      value: "NEW.json",
      help: "with --compare: compare this results file instead of running the bench",
    },
    threshold: {
      type: "string",
      value: "PCT",
      help: "with --compare: a median change beyond PCT % (p99: twice that) is a regression (default 10)",
    },
  },
  epilog:
    "examples:\n  npm run bench -- --smoke\n  npm run bench -- --save        # refresh the published figures\n" +
    "  git show HEAD~5:bench/results.json > /tmp/old.json\n" +
    "  npm run bench -- --compare /tmp/old.json --against bench/results.json",
} as const;

type Values = FlagValues<(typeof COMMAND)["options"]>;

function parseOnly(values: Values): CaseName[] | undefined {
  if (values.only === undefined) return undefined;
  const names = values.only.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(CASES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    exitWithUsageError(COMMAND, `--only: unknown case ${unknown.join(", ")} (cases: ${CASES.join(", ")})`);
  if (values.save) exitWithUsageError(COMMAND, "--only makes a partial run; --save publishes only full runs");
  return names as CaseName[];
}

function parseConfigs(values: Values): string[] | undefined {
  if (values.configs === undefined) return undefined;
  const names = values.configs.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(CONFIGURATION_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    exitWithUsageError(
      COMMAND,
      `--configs: unknown configuration ${unknown.join(", ")} (configurations: ${CONFIGURATION_NAMES.join(", ")})`,
    );
  if (values.save)
    exitWithUsageError(COMMAND, "--configs makes a partial run; --save publishes only full runs");
  return names;
}

function parseThreshold(values: Values): number {
  const threshold = Number(values.threshold ?? 10);
  if (!Number.isFinite(threshold) || threshold < 0)
    exitWithUsageError(COMMAND, `--threshold must be a percentage >= 0, got ${values.threshold}`);
  return threshold;
}

/** A results file named on the command line: a bad one is a usage error, not a crash. */
function readOrExit(file: string): BenchResults {
  try {
    return readResults(file);
  } catch (error) {
    return exitWithUsageError(COMMAND, (error as Error).message);
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(COMMAND);
  if (values.save && values.out)
    exitWithUsageError(COMMAND, "--save and --out both choose where to write; give one");
  if (values.against && !values.compare) exitWithUsageError(COMMAND, "--against needs --compare OLD.json");
  const threshold = parseThreshold(values);
  const old = values.compare ? readOrExit(values.compare) : undefined;
  if (old && values.against) {
    process.stdout.write(
      renderComparison(compareResults(old, readOrExit(values.against), threshold), threshold),
    );
    return;
  }
  const only = parseOnly(values);
  const configs = parseConfigs(values);
  const outDir = values.save
    ? BENCH_DIR
    : path.resolve(values.out ?? mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-")));
  const run = await runBench({
    smoke: values.smoke || readSetting("BENCH_SMOKE"),
    suite: values.suite,
    outDir,
    profileDir: values["profile-dir"],
    only,
    configs,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const files = await writeResults(run, outDir);
  process.stdout.write(
    `\n${renderMarkdown(run.results)}\nWrote ${files.json}, ${files.md}, ${files.samples} and\n  ${Object.values(files.charts).join("\n  ")}\n`,
  );
  if (old)
    process.stdout.write(`\n${renderComparison(compareResults(old, run.results, threshold), threshold)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
