import { describe, expect, it } from "vitest";
import { compareResults, renderComparison } from "./compare.js";
import type { BenchResults, Metric } from "./report.js";

function m(unit: Metric["unit"], median: number, p99 = median, description = "d"): Metric {
  return {
    unit,
    description,
    median,
    p95: p99,
    p99,
    min: median,
    max: p99,
    mean: median,
    samples: 10,
    runs: 1,
    runMedians: [median],
  };
}

function results(metrics: Record<string, Metric>, extra: Partial<BenchResults> = {}): BenchResults {
  return {
    schemaVersion: 1,
    mode: "full",
    machine: {
      cores: 2,
      cpuModel: "x",
      totalMemoryMb: 1,
      nodeVersion: "v20.0.0",
      platform: "linux",
      arch: "x64",
      loadAverageAtStart: 0.5,
      date: "2026-12-01T00:00:00.000Z",
    },
    durationMs: 1,
    metrics,
    counts: {},
    profiles: {},
    targets: [],
    notes: [],
    ...extra,
  };
}

const verdictOf = (old: Metric, cur: Metric) =>
  compareResults(results({ x: old }), results({ x: cur })).metrics[0]?.verdict;

describe("compareResults", () => {
  it("marks a slower median as a regression and a faster one as an improvement", () => {
    expect(verdictOf(m("ms", 2), m("ms", 3))).toBe("regression");
    expect(verdictOf(m("ms", 3), m("ms", 2))).toBe("improvement");
  });

  it("treats throughput the other way round: fewer chats/s is the regression", () => {
    expect(verdictOf(m("chats/s", 300), m("chats/s", 200))).toBe("regression");
    expect(verdictOf(m("chats/s", 200), m("chats/s", 300))).toBe("improvement");
  });

  it("ignores changes within the threshold or under the unit's noise floor", () => {
    expect(verdictOf(m("ms", 100), m("ms", 105))).toBe("same");
    // +100 % but only 0.02 ms: noise.
    expect(verdictOf(m("ms", 0.02), m("ms", 0.04))).toBe("same");
    expect(verdictOf(m("MB", 10), m("MB", 10.5))).toBe("same");
  });

  it("judges p99 with twice the tolerance", () => {
    expect(verdictOf(m("ms", 10, 20), m("ms", 10, 23))).toBe("same");
    expect(verdictOf(m("ms", 10, 20), m("ms", 10, 30))).toBe("regression");
  });

  it("reports metrics only in one file, a flipped target and grown error counts", () => {
    const old = results(
      { a: m("ms", 1), gone: m("ms", 1) },
      {
        counts: { "throughput.c50.errors": 0, "throughput.c50.completed": 10 },
        targets: [{ name: "t", target: "< 1", measured: "0.5", met: true }],
      },
    );
    const cur = results(
      { a: m("ms", 1), added: m("ms", 1) },
      {
        counts: { "throughput.c50.errors": 3, "throughput.c50.completed": 99 },
        targets: [{ name: "t", target: "< 1", measured: "2", met: false }],
      },
    );
    const c = compareResults(old, cur);
    expect(Object.fromEntries(c.metrics.map((x) => [x.name, x.verdict]))).toEqual({
      a: "same",
      added: "new",
      gone: "gone",
    });
    expect(c.others.map((o) => [o.what, o.verdict])).toEqual([
      ["target: t (< 1)", "regression"],
      ["count: throughput.c50.errors", "regression"],
    ]);
    expect(c.regressions).toBe(2);
  });

  it("flags a metric whose meaning changed and renders regressions unmistakably", () => {
    const c = compareResults(
      results({ "chain.added": m("ms", 2.9, 8, "percentile minus percentile") }),
      results({ "chain.added": m("ms", 4, 9, "paired") }),
    );
    expect(c.metrics[0]?.meaningChanged).toBe(true);
    const text = renderComparison(c);
    expect(text).toContain("# Benchmark comparison: 1 regression");
    expect(text).toContain("† the metric's description differs between the files");
    expect(text).toContain(
      "| chain.added † | ms | 2.90 | 4.00 | +37.9 % | 8.00 | 9.00 | +12.5 % | **REGRESSION** |",
    );
  });

  it("leaves out what a partial run did not measure instead of calling it gone", () => {
    const old = results({ a: m("ms", 1), b: m("ms", 1) });
    const c = compareResults(old, results({ a: m("ms", 1) }, { notes: ["Partial run: only chain."] }));
    expect(c.metrics.map((x) => x.name)).toEqual(["a"]);
    expect(c.header.join("\n")).toContain("1 metrics of the old file were not measured");
    expect(compareResults(old, results({ a: m("ms", 1) })).metrics.map((x) => x.verdict)).toEqual([
      "same",
      "gone",
    ]);
  });
});
