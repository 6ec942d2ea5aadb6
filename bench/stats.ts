/**
 * Summary statistics for benchmark samples. Percentiles use the nearest-rank method (no
 * interpolation), so p99 of 100 samples is the 99th smallest: a real observed value.
 */

export interface Summary {
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  /** Samples behind the figures (pooled over every run). */
  samples: number;
  /** Repeated runs the samples were pooled from. */
  runs: number;
  /** Median of each run on its own, to show run-to-run spread. */
  runMedians: number[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Pools the samples of several runs and summarises them; each run also gets its own median. */
export function summarize(runs: readonly (readonly number[])[]): Summary {
  const all = runs.flat().sort((a, b) => a - b);
  const mean = all.length === 0 ? Number.NaN : all.reduce((s, v) => s + v, 0) / all.length;
  return {
    median: round(percentile(all, 50)),
    p95: round(percentile(all, 95)),
    p99: round(percentile(all, 99)),
    min: round(all[0] ?? Number.NaN),
    max: round(all[all.length - 1] ?? Number.NaN),
    mean: round(mean),
    samples: all.length,
    runs: runs.length,
    runMedians: runs.map((r) =>
      round(
        percentile(
          [...r].sort((a, b) => a - b),
          50,
        ),
      ),
    ),
  };
}

/**
 * "Added" cost from paired samples: `with[r][i]` and `base[r][i]` served the same request, one right
 * after the other (the order alternating), so each pair shares the machine's state at that moment.
 * The figures are percentiles OF the per-pair differences, a real distribution: its p99 is at least
 * its median and its max at least its min, which subtracting two distributions' percentiles does
 * not guarantee (that gave a negative maximum and p99 below p50).
 */
export function pairedDifference(
  withPath: readonly (readonly number[])[],
  base: readonly (readonly number[])[],
): Summary {
  if (withPath.length !== base.length) {
    throw new Error(`paired samples: ${withPath.length} runs against ${base.length}`);
  }
  const runs = withPath.map((run, r) => {
    const other = base[r] ?? [];
    if (run.length !== other.length) {
      throw new Error(`paired samples: run ${r} has ${run.length} samples against ${other.length}`);
    }
    return run.map((value, i) => value - (other[i] ?? Number.NaN));
  });
  return summarize(runs);
}
