/**
 * A Vitest reporter that prints, after the run (after the coverage table, so it is the last thing a
 * run shows), its wall time and the slowest test files, so a file that grew shows in `npm test`'s own
 * output and in CI logs. Used beside the default reporter (`vitest.config.ts`,
 * `contracts/vitest.config.ts`).
 *
 * A file's time is what it held a worker for: its environment and setup, importing it (collect) and
 * its tests and hooks, as Vitest's `TestModule.diagnostic()` reports them. The sum over files against
 * the wall time and the worker count shows how well the files filled the workers.
 */
import path from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

export interface FileTime {
  /** Repository-relative path of the test file. */
  file: string;
  /** Everything the file held a worker for, in milliseconds. */
  totalMs: number;
  /** Importing the file and what it imports (Vitest's collect phase). */
  importMs: number;
  /** Its tests and hooks. */
  testsMs: number;
  tests: number;
}

export interface RunTimes {
  wallMs: number;
  workers: number;
  files: readonly FileTime[];
}

/** The time of one file from Vitest's diagnostic of it. */
export function fileTime(module: TestModule, root: string): FileTime {
  const d = module.diagnostic();
  const setupMs = d.environmentSetupDuration + d.prepareDuration + d.setupDuration;
  return {
    file: path.relative(root, module.moduleId),
    totalMs: setupMs + d.collectDuration + d.duration,
    importMs: d.collectDuration,
    testsMs: d.duration,
    tests: [...module.children.allTests()].length,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The lines printed at the end of a run: the totals, then the `count` slowest files, slowest first. */
export function slowestFilesSummary(label: string, run: RunTimes, count = 10): string[] {
  const sumMs = run.files.reduce((sum, f) => sum + f.totalMs, 0);
  const slowest = [...run.files].sort((a, b) => b.totalMs - a.totalMs).slice(0, count);
  const width = Math.max(0, ...slowest.map((f) => f.file.length));
  const lines = [
    `${label}: ${run.files.length} files in ${seconds(run.wallMs)} wall time; the files' own times sum to ` +
      `${seconds(sumMs)} on ${run.workers} worker${run.workers === 1 ? "" : "s"}`,
  ];
  if (slowest.length === 0) return lines;
  lines.push(`the ${slowest.length} slowest files (total = import + tests and hooks; share of the sum):`);
  for (const f of slowest) {
    const share = sumMs > 0 ? Math.round((100 * f.totalMs) / sumMs) : 0;
    lines.push(
      `  ${f.file.padEnd(width)}  ${seconds(f.totalMs).padStart(8)}  = ${seconds(f.importMs).padStart(7)}` +
        ` + ${seconds(f.testsMs).padStart(7)}  ${String(share).padStart(3)} %  (${f.tests} tests)`,
    );
  }
  return lines;
}

/** The worker count Vitest ran with (its resolved `maxWorkers`: 1 without file parallelism). */
function workersOf(vitest: Vitest): number {
  const { maxWorkers } = vitest.config;
  return typeof maxWorkers === "number" ? maxWorkers : 1;
}

export default class SlowestFilesReporter implements Reporter {
  private vitest?: Vitest;
  private started = performance.now();
  private ended?: Omit<RunTimes, "wallMs">;

  constructor(private readonly options: { label?: string; count?: number } = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.started = performance.now();
    // Printed on close, after the coverage report (Vitest prints it after `onTestRunEnd`), so the
    // wall time includes coverage and the summary is the run's last word.
    vitest.onClose(() => this.print());
  }

  onTestRunStart(): void {
    // Watch mode: each rerun is timed on its own.
    if (this.vitest?.config.watch) this.started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const vitest = this.vitest;
    if (!vitest) return;
    this.ended = { workers: workersOf(vitest), files: modules.map((m) => fileTime(m, vitest.config.root)) };
    if (vitest.config.watch) this.print();
  }

  private print(): void {
    if (!this.ended || !this.vitest) return;
    const run = { ...this.ended, wallMs: performance.now() - this.started };
    this.ended = undefined;
    const lines = slowestFilesSummary(this.options.label ?? "vitest", run, this.options.count);
    this.vitest.logger.log(`\n${lines.join("\n")}`);
  }
}
