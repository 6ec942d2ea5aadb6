/**
 * The performance targets (docs/performance.md, "Targets"), checked against a run's metrics. A target whose
 * metric was not measured (a smoke run without a level, `--only`) is left out rather than reported as missed.
 */
import type { BenchResults, TargetCheck } from "./report.js";

const ms = (v: number) => `${v.toFixed(2)} ms`;

function errorsAt(r: BenchResults, c: number): number {
  return (r.counts[`throughput.c${c}.errors`] ?? 0) + (r.counts[`throughput.c${c}.non2xx`] ?? 0);
}

export function checkTargets(r: BenchResults): TargetCheck[] {
  const M = r.metrics;
  const checks: TargetCheck[] = [];
  const add = (name: string, target: string, measured: string, met: boolean) =>
    checks.push({ name, target, measured, met });
  const added = M["chain.added"];
  if (added) {
    add("added chain latency p50 (paired)", "<= 1.0 ms", ms(added.median), added.median <= 1);
    add("added chain latency p99 (paired)", "<= 3 ms", ms(added.p99), added.p99 <= 3);
  }
  const chunk = M["fidelity.addedPerChunk"];
  if (chunk) add("added per-chunk delay p99", "< 5 ms", ms(chunk.p99), chunk.p99 < 5);
  for (const [c, goal] of [
    [50, 600],
    [200, 400],
  ] as const) {
    const level = M[`throughput.c${c}`];
    if (!level) continue;
    const errors = errorsAt(r, c);
    add(
      `short chats/s at concurrency ${c}`,
      `>= ${goal}/s, 0 errors`,
      `${level.median.toFixed(0)}/s, ${errors} errors`,
      level.median >= goal && errors === 0,
    );
  }
  const perContainer = M["memory.perContainer"];
  if (perContainer)
    add(
      "memory per additional warm container (real handler, worker)",
      "<= 15 MB",
      `${perContainer.median.toFixed(1)} MB`,
      perContainer.median <= 15,
    );
  const idle = M["memory.idle"];
  if (idle) add("idle stack memory", "<= 120 MB", `${idle.median.toFixed(0)} MB`, idle.median <= 120);
  const warm = M["startup.warm"];
  if (warm)
    add("stack ready, warm", "<= 600 ms (median)", `${warm.median.toFixed(0)} ms`, warm.median <= 600);
  const suite = M["suite.npmTest"];
  if (suite)
    add("npm test wall time", "< 3 min", `${(suite.median / 1000).toFixed(0)} s`, suite.median < 180_000);
  return checks;
}
