/**
 * `npm run bench -- --compare OLD.json`: the change of every metric, target and error count against
 * an older results file, with regressions marked, so a slowdown is visible in review.
 *
 * A metric is judged on its median, and on its p99 with twice the tolerance (tails are noisier). A
 * change counts only beyond both the relative threshold and a small absolute floor per unit, so a
 * 0.01 ms -> 0.02 ms wobble is not "+100 %". Lower is better except for throughput (chats/s).
 */
import type { BenchResults, Metric } from "./report.js";

export type Verdict = "regression" | "improvement" | "same" | "new" | "gone";

export interface MetricChange {
  name: string;
  unit: Metric["unit"];
  verdict: Verdict;
  old?: { median: number; p99: number };
  current?: { median: number; p99: number };
  /** Relative change of the median and p99 in percent (positive = larger number). */
  medianPct?: number;
  p99Pct?: number;
  /** The two files describe the metric differently: the measure itself changed. */
  meaningChanged: boolean;
}

export interface OtherChange {
  what: string;
  old: string;
  current: string;
  verdict: Verdict;
}

export interface Comparison {
  header: string[];
  metrics: MetricChange[];
  others: OtherChange[];
  regressions: number;
}

/** How `runBench` notes a run of only some cases (`--only`). */
export const PARTIAL_RUN_NOTE = "Partial run: only";

/** Below these absolute changes a metric counts as unchanged whatever the percentage. */
const NOISE_FLOOR: Record<Metric["unit"], number> = { ms: 0.05, us: 1, MB: 1, "chats/s": 1 };

function pct(old: number, current: number): number {
  if (old === current) return 0;
  return old === 0
    ? Math.sign(current - old) * Number.POSITIVE_INFINITY
    : ((current - old) / Math.abs(old)) * 100;
}

/** +1 when the change is for the worse beyond tolerance, -1 for the better, 0 within it. */
function judge(unit: Metric["unit"], old: number, current: number, thresholdPct: number): -1 | 0 | 1 {
  const delta = current - old;
  if (!Number.isFinite(delta) || Math.abs(delta) <= NOISE_FLOOR[unit]) return 0;
  if (Math.abs(pct(old, current)) <= thresholdPct) return 0;
  const worse = unit === "chats/s" ? delta < 0 : delta > 0;
  return worse ? 1 : -1;
}

function compareMetric(name: string, old: Metric | undefined, cur: Metric | undefined, thresholdPct: number) {
  const unit = (cur ?? old)?.unit ?? "ms";
  const pick = (m: Metric) => ({ median: m.median, p99: m.p99 });
  if (!old || !cur) {
    const change: MetricChange = { name, unit, verdict: old ? "gone" : "new", meaningChanged: false };
    if (old) change.old = pick(old);
    if (cur) change.current = pick(cur);
    return change;
  }
  const median = judge(unit, old.median, cur.median, thresholdPct);
  const p99 = judge(unit, old.p99, cur.p99, 2 * thresholdPct);
  const verdict: Verdict =
    median > 0 || p99 > 0 ? "regression" : median < 0 || (median === 0 && p99 < 0) ? "improvement" : "same";
  return {
    name,
    unit,
    verdict,
    old: pick(old),
    current: pick(cur),
    medianPct: pct(old.median, cur.median),
    p99Pct: pct(old.p99, cur.p99),
    meaningChanged: old.description !== cur.description,
  } satisfies MetricChange;
}

/** Targets that flipped, and error counts (any count naming errors, non-2xx or unmatched) that grew. */
function compareOthers(old: BenchResults, cur: BenchResults): OtherChange[] {
  const out: OtherChange[] = [];
  const oldTargets = new Map(old.targets.map((t) => [t.name, t]));
  for (const t of cur.targets) {
    const before = oldTargets.get(t.name);
    if (!before || before.met === t.met || before.met === null || t.met === null) continue;
    out.push({
      what: `target: ${t.name} (${t.target})`,
      old: `${before.measured}, ${before.met ? "met" : "missed"}`,
      current: `${t.measured}, ${t.met ? "met" : "missed"}`,
      verdict: t.met ? "improvement" : "regression",
    });
  }
  for (const name of new Set([...Object.keys(old.counts), ...Object.keys(cur.counts)])) {
    if (!/error|non2xx|unmatched/i.test(name)) continue;
    const a = old.counts[name] ?? 0;
    const b = cur.counts[name] ?? 0;
    if (a === b) continue;
    out.push({
      what: `count: ${name}`,
      old: String(a),
      current: String(b),
      verdict: b > a ? "regression" : "improvement",
    });
  }
  return out;
}

export function compareResults(old: BenchResults, cur: BenchResults, thresholdPct = 10): Comparison {
  // A partial run (`--only`) did not measure the other cases: they are not "gone", just left out.
  const partial = cur.notes.some((n) => n.startsWith(PARTIAL_RUN_NOTE));
  const unmeasured = Object.keys(old.metrics).filter((n) => !(n in cur.metrics));
  const names = [...Object.keys(cur.metrics), ...(partial ? [] : unmeasured)];
  const metrics = names.map((n) => compareMetric(n, old.metrics[n], cur.metrics[n], thresholdPct));
  const others = compareOthers(old, cur);
  const regressions = [...metrics, ...others].filter((c) => c.verdict === "regression").length;
  const load = (r: BenchResults) =>
    `${r.mode} run of ${r.machine.date}, ${r.machine.cores} cores, load ${r.machine.loadAverageAtStart.toFixed(2)}`;
  const header = [`old: ${load(old)}`, `new: ${load(cur)}`];
  if (old.mode !== cur.mode) header.push(`Warning: comparing a ${old.mode} run with a ${cur.mode} run.`);
  if (partial && unmeasured.length > 0)
    header.push(
      `partial run: ${unmeasured.length} metrics of the old file were not measured and are left out`,
    );
  return { header, metrics, others, regressions };
}

const MARK: Record<Verdict, string> = {
  regression: "**REGRESSION**",
  improvement: "better",
  same: "",
  new: "new",
  gone: "gone",
};

function num(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "n/a";
  const a = Math.abs(v);
  return v.toFixed(a < 10 ? 2 : a < 100 ? 1 : 0);
}

function signedPct(v: number | undefined): string {
  if (v === undefined) return "";
  if (!Number.isFinite(v)) return v > 0 ? "+inf %" : "-inf %";
  return `${v > 0 ? "+" : ""}${v.toFixed(1)} %`;
}

export function renderComparison(c: Comparison, thresholdPct = 10): string {
  const lines = [
    `# Benchmark comparison: ${c.regressions} regression${c.regressions === 1 ? "" : "s"}`,
    "",
    ...c.header.map((h) => `- ${h}`),
    `- judged on the median (beyond ${thresholdPct} %) and p99 (beyond ${2 * thresholdPct} %), ignoring changes under ${Object.entries(
      NOISE_FLOOR,
    )
      .map(([u, f]) => `${f} ${u}`)
      .join(", ")}; lower is better except chats/s`,
    "",
    "| metric | unit | median old | median new | change | p99 old | p99 new | change | verdict |",
    "|---|---|---|---|---|---|---|---|---|",
    ...c.metrics.map(
      (m) =>
        `| ${m.name}${m.meaningChanged ? " †" : ""} | ${m.unit} | ${num(m.old?.median)} | ${num(m.current?.median)} | ${signedPct(m.medianPct)} | ${num(m.old?.p99)} | ${num(m.current?.p99)} | ${signedPct(m.p99Pct)} | ${MARK[m.verdict]} |`,
    ),
  ];
  if (c.metrics.some((m) => m.meaningChanged))
    lines.push("", "† the metric's description differs between the files: what it measures changed.");
  if (c.others.length > 0) {
    lines.push("", "| target or count | old | new | verdict |", "|---|---|---|---|");
    for (const o of c.others) lines.push(`| ${o.what} | ${o.old} | ${o.current} | ${MARK[o.verdict]} |`);
  }
  return `${lines.join("\n")}\n`;
}
