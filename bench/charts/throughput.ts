/**
 * Throughput against concurrency, one colour per stack configuration (bench/configurations.ts): one
 * dot per run, a line through the medians, and a red cross with the count above any level that had
 * errors or non-2xx answers.
 */
import type { TopLevelSpec } from "vega-lite";
import type { BenchSamples } from "../samples.js";

export const THROUGHPUT_X_TITLE = "concurrent connections";
export const THROUGHPUT_Y_TITLE = "completed chats per second";

/** The legend names each configuration by its runtime (bench/configurations.ts). */
const CONFIGURATION_LABELS =
  "datum.label === 'default' ? 'npm start defaults (ric)' : datum.label === 'worker' ? 'worker runtime' : datum.label";

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
}

export function throughputSpec(levels: BenchSamples["throughput"]): TopLevelSpec {
  const runs = levels.flatMap((l) =>
    l.chatsPerSecond.map((v, i) => ({
      configuration: l.configuration,
      concurrency: l.concurrency,
      run: i + 1,
      chatsPerSecond: v,
    })),
  );
  const medians = levels.map((l) => ({
    configuration: l.configuration,
    concurrency: l.concurrency,
    chatsPerSecond: median(l.chatsPerSecond),
  }));
  const failed = levels
    .filter((l) => l.errors + l.non2xx > 0)
    .map((l) => ({
      concurrency: l.concurrency,
      chatsPerSecond: Math.max(0, ...l.chatsPerSecond),
      label: `${l.configuration}: ${l.errors} errors, ${l.non2xx} non-2xx`,
    }));
  const x = {
    field: "concurrency",
    type: "ordinal",
    title: THROUGHPUT_X_TITLE,
    sort: [...new Set(levels.map((l) => l.concurrency))].sort((a, b) => a - b),
    axis: { labelAngle: 0 },
  } as const;
  const y = { field: "chatsPerSecond", type: "quantitative", title: THROUGHPUT_Y_TITLE } as const;
  const color = {
    field: "configuration",
    type: "nominal",
    title: null,
    legend: { orient: "top", labelExpr: CONFIGURATION_LABELS },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Throughput against concurrency (short streamed chats)",
      subtitle:
        failed.length === 0
          ? "dots: one per run; line: median; no errors at any level"
          : "dots: one per run; line: median; red crosses: levels with errors",
    },
    width: 480,
    height: 300,
    layer: [
      {
        name: "median",
        data: { values: medians },
        mark: { type: "line", opacity: 0.6 },
        encoding: { x, y, color },
      },
      {
        name: "runs",
        data: { values: runs },
        mark: { type: "point", filled: true, size: 50 },
        encoding: { x, y, color },
      },
      {
        name: "errors",
        data: { values: failed },
        layer: [
          {
            name: "errorCross",
            mark: { type: "point", shape: "cross", color: "#d62728", size: 120, filled: true, yOffset: -14 },
          },
          {
            name: "errorLabel",
            mark: { type: "text", color: "#d62728", dy: -26 },
            encoding: { text: { field: "label" } },
          },
        ],
        encoding: { x, y },
      },
    ],
  };
}
