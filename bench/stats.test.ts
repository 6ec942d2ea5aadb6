import { describe, expect, it } from "vitest";
import { difference, percentile, summarize } from "./stats.js";

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

  it("subtracts a baseline percentile by percentile", () => {
    const d = difference(summarize([[5, 6, 7]]), summarize([[1, 2, 3]]));
    expect(d.median).toBe(4);
    expect(d.p99).toBe(4);
  });
});
