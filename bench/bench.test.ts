import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { TIMELINE_X_TITLE, TIMELINE_Y_TITLE } from "./charts/chunk-timeline.js";
import { LATENCY_X_TITLE, LATENCY_Y_TITLE } from "./charts/latency.js";
import { assertWellFormedSvg, axisTitles, markItems } from "./charts/svg-inspect.js";
import { THROUGHPUT_X_TITLE, THROUGHPUT_Y_TITLE } from "./charts/throughput.js";
import { assertValidResults, type BenchResults } from "./report.js";
import { loadNote, runBench, type WrittenFiles, writeResults } from "./run.js";
import { percentile } from "./stats.js";

const outDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-smoke-"));

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

// The smoke run checks that `npm run bench` works end to end and writes valid results; it does not
// judge the figures (a shared CI machine makes them meaningless as pass/fail).
it("runs every benchmark case at smoke size and writes valid results.json and results.md", async () => {
  const lines: string[] = [];
  const run = await runBench({ smoke: true, suite: false, outDir, log: (l) => lines.push(l) });
  const files = await writeResults(run, outDir);

  const written: unknown = JSON.parse(readFileSync(files.json, "utf8"));
  assertValidResults(written);
  expect(written.mode).toBe("smoke");
  for (const name of [
    "startup.cold",
    "startup.warm",
    "chain.added",
    "fidelity.addedPerChunk",
    "throughput.c1",
    "cost.jwtVerify",
    "cost.sigv4Sign",
    "cost.sigv4Verify",
    "cost.eventBuild",
    "memory.perContainer",
    "memory.idle",
    "runtime.worker.coldStart",
    "runtime.ric.coldStart",
    "runtime.ric.rssPerContainer",
    "runtime.worker.rssPerContainer",
    "runtime.ric.perChunk",
    "runtime.worker.perChunk",
    "runtime.ric.anonPerContainer",
    "memory.idle.playground",
    "ttlb.chain",
    "ttlb.stub",
    "ttlb.added",
    "cpu.c1.stack",
    "cpu.c1.containers",
    // The worker configuration beside npm start's (bench/configurations.ts).
    "worker.chain.added",
    "worker.memory.perContainer",
    "worker.throughput.c1",
    "worker.ttlb.added",
  ]) {
    expect(written.metrics, name).toHaveProperty([name]);
  }
  expect(written.configurations?.map((c) => c.name)).toEqual(["default", "worker"]);
  // npm start's runtime is `ric`: its containers are processes, whose CPU the load case counts.
  expect(written.metrics["cpu.c1.containers"]?.median).toBeGreaterThan(0);
  expect(written.metrics["worker.cpu.c1.containers"]?.median).toBe(0);
  expect(written.targets.map((t) => t.name)).toContain("idle stack");
  for (const t of written.targets) expect(t.reason, t.name).toBeTruthy();
  expect(written.counts["throughput.c1.completed"]).toBeGreaterThan(0);
  expect(written.counts["worker.throughput.c1.completed"]).toBeGreaterThan(0);
  expect(existsSync(files.md)).toBe(true);
  expect(readFileSync(files.md, "utf8")).toContain("| target | goal | measured | met |");
  // No secret reaches the results: the ID token is minted at run time and must not be written out.
  expect(readFileSync(files.json, "utf8")).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  expect(readFileSync(files.samples, "utf8")).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  checkCharts(files, written);
}, 240_000);

/**
 * The three charts are valid SVG and draw the run's own data: their mark counts come from the
 * samples file, and must agree with the sample counts results.json reports for the same cases.
 */
function checkCharts(files: WrittenFiles, results: BenchResults): void {
  const md = readFileSync(files.md, "utf8");
  const svg = (file: string) => {
    expect(md, `results.md links ${path.basename(file)}`).toContain(`](${path.basename(file)})`);
    const text = readFileSync(file, "utf8");
    assertWellFormedSvg(text);
    return text;
  };
  const latency = svg(files.charts.latency);
  expect(axisTitles(latency)).toEqual([LATENCY_X_TITLE, LATENCY_Y_TITLE]);
  const points = markItems(latency, "samples");
  for (const p of ["chain", "direct"]) {
    const ms = points
      .filter((x) => x.path?.startsWith(p))
      .map((x) => Number(x.ms))
      .sort((x, y) => x - y);
    const metric = results.metrics[`${p}.total`];
    expect(ms.length, `${p} samples drawn`).toBeGreaterThan(0);
    expect(ms.length, `${p} samples drawn`).toBe(metric?.samples);
    expect(percentile(ms, 50), `${p} median`).toBeCloseTo(metric?.median ?? Number.NaN, 2);
    expect(ms.at(-1), `${p} max`).toBeCloseTo(metric?.max ?? Number.NaN, 2);
  }

  const throughput = svg(files.charts.throughput);
  expect(axisTitles(throughput)).toEqual([THROUGHPUT_X_TITLE, THROUGHPUT_Y_TITLE]);
  const runs = markItems(throughput, "runs");
  for (const { name, prefix } of results.configurations ?? []) {
    const levels = Object.keys(results.counts)
      .map((k) => new RegExp(`^${prefix.replace(".", "\\.")}throughput\\.c(\\d+)\\.completed$`).exec(k)?.[1])
      .filter((c) => c !== undefined);
    const drawn = runs.filter((r) => r.configuration === name);
    expect(new Set(drawn.map((r) => r[THROUGHPUT_X_TITLE])), name).toEqual(new Set(levels));
    expect(drawn, name).toHaveLength(
      levels.reduce((n, c) => n + (results.metrics[`${prefix}throughput.c${c}`]?.runs ?? 0), 0),
    );
  }

  const timeline = svg(files.charts.chunkTimeline);
  expect(new Set(axisTitles(timeline))).toEqual(new Set([TIMELINE_X_TITLE, TIMELINE_Y_TITLE]));
  const pieces = Number(
    /\((\d+) pieces every/.exec(results.metrics["fidelity.chain.perChunk"]?.description ?? "")?.[1],
  );
  const items = markItems(timeline, "pieces");
  for (const p of ["chain", "direct"]) {
    // One typical chat per path: each piece once as sent and once as received.
    expect(
      items.filter((i) => i.path === p),
      p,
    ).toHaveLength(2 * pieces);
  }
}

it("refuses a malformed results object, naming the problem", () => {
  expect(() => assertValidResults({ schemaVersion: 1, machine: { cores: 0 } })).toThrow(
    "invalid bench results: machine.cores",
  );
});

it("notes the machine's load at both ends of a run, and says when other work shared the cores", () => {
  expect(loadNote(0.4, 1.2, 2)).toBe("1-minute load average 0.4 at the start, 1.2 at the end, on 2 cores.");
  const busy = loadNote(1.5, 9.8, 2);
  expect(busy).toContain("9.8 at the end");
  expect(busy).toContain("other work shared the machine");
});
