/**
 * Building blocks of a results file: an empty one stamped with the machine, and a Metric from a
 * Summary. Every section of the run adds its metrics through these.
 */
import os from "node:os";
import type { BenchResults, Metric } from "./report.js";
import type { Summary } from "./stats.js";

/** Samples that are each a whole run of their own (a start, a batch, a load run). */
export function each(values: readonly number[]): number[][] {
  return values.map((v) => [v]);
}

export function metric(unit: Metric["unit"], description: string, summary: Summary): Metric {
  return { unit, description, ...summary };
}

export function emptyResults(mode: BenchResults["mode"]): BenchResults {
  const cpus = os.cpus();
  return {
    schemaVersion: 1,
    mode,
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
      nodeVersion: process.version,
      platform: process.platform,
      arch: process.arch,
      loadAverageAtStart: os.loadavg()[0] ?? 0,
      date: new Date().toISOString(),
    },
    durationMs: 0,
    metrics: {},
    counts: {},
    profiles: {},
    targets: [],
    notes: [],
  };
}
