import { describe, expect, it } from "vitest";
import { pairedDifference, percentile, summarize } from "./stats.js";

describe("percentile", () => {
  it("uses the nearest rank, so every figure is an observed sample", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe("summarize", () => {
  it("pools runs and keeps each run's median", () => {
    const s = summarize([
      [1, 2, 3],
      [10, 20, 30],
    ]);
    expect(s).toMatchObject({ samples: 6, runs: 2, min: 1, max: 30, runMedians: [2, 20], median: 3 });
  });
});

describe("pairedDifference", () => {
  it("takes percentiles of the per-pair differences, not differences of percentiles", () => {
    // The slow samples of the two paths fall on different pairs: subtracting percentiles would give
    // p99 = 100 - 100 = 0 and max 0 while every single pair shows the chain 1 ms slower, except one.
    const withPath = [[2, 3, 4, 101, 5]];
    const base = [[1, 2, 3, 100, 104]];
    const d = pairedDifference(withPath, base);
    expect(d.median).toBe(1);
    expect(d.min).toBe(-99);
    expect(d.max).toBe(1);
    expect(d.samples).toBe(5);
  });

  it("never reports a p99 below its median or a max below its min", () => {
    const chain = [
      [5, 9, 4, 30],
      [6, 7, 5, 8],
    ];
    const direct = [
      [1, 30, 2, 3],
      [2, 3, 1, 2],
    ];
    const d = pairedDifference(chain, direct);
    expect(d.p99).toBeGreaterThanOrEqual(d.median);
    expect(d.max).toBeGreaterThanOrEqual(d.min);
    expect(d.runs).toBe(2);
    expect(d.runMedians).toEqual([2, 4]);
  });

  it("refuses samples that are not paired", () => {
    expect(() => pairedDifference([[1, 2]], [[1]])).toThrow("run 0 has 2 samples against 1");
    expect(() => pairedDifference([[1]], [[1], [2]])).toThrow("1 runs against 2");
  });
});
