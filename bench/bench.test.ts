import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { assertValidResults } from "./report.js";
import { runBench, writeResults } from "./run.js";

const outDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-smoke-"));

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

// The smoke run checks that `npm run bench` works end to end and writes valid results; it does not
// judge the figures (a shared CI machine makes them meaningless as pass/fail).
it("runs every benchmark case at smoke size and writes valid results.json and results.md", async () => {
  const lines: string[] = [];
  const results = await runBench({ smoke: true, suite: false, outDir, log: (l) => lines.push(l) });
  const files = writeResults(results, outDir);

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
    "memory.idle",
    "runtime.worker.coldStart",
    "runtime.ric.coldStart",
    "runtime.ric.rssPerContainer",
    "runtime.worker.rssPerContainer",
    "runtime.ric.perChunk",
    "runtime.worker.perChunk",
  ]) {
    expect(written.metrics, name).toHaveProperty([name]);
  }
  expect(written.targets.map((t) => t.name)).toContain("idle memory");
  expect(written.counts["throughput.c1.completed"]).toBeGreaterThan(0);
  expect(existsSync(files.md)).toBe(true);
  expect(readFileSync(files.md, "utf8")).toContain("| target | goal | measured | met |");
  // No secret reaches the results: the ID token is minted at run time and must not be written out.
  expect(readFileSync(files.json, "utf8")).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
}, 240_000);

it("refuses a malformed results object, naming the problem", () => {
  expect(() => assertValidResults({ schemaVersion: 1, machine: { cores: 0 } })).toThrow(
    "invalid bench results: machine.cores",
  );
});
