/**
 * Latency distribution, chain vs direct, as an empirical CDF: for each latency on the x axis, the
 * share of chats that finished within it. Log x, because the tail is many times the median.
 */
import type { TopLevelSpec } from "vega-lite";
import type { BenchSamples } from "../samples.js";

export const LATENCY_X_TITLE = "short answer, request sent -> last byte (ms, log scale)";
export const LATENCY_Y_TITLE = "share of chats finished";

const LEGEND_LABELS = "datum.label === 'chain' ? 'chain (via CloudFront)' : 'direct (handler in-process)'";

export function latencySpec(latency: BenchSamples["latency"]): TopLevelSpec {
  const values = [
    ...latency.chainMs.map((ms) => ({ path: "chain", ms })),
    ...latency.directMs.map((ms) => ({ path: "direct", ms })),
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Latency distribution: chain vs direct",
      subtitle: `${latency.chainMs.length} chain and ${latency.directMs.length} direct chats, taken alternately`,
    },
    width: 560,
    height: 300,
    data: { values },
    transform: [
      { window: [{ op: "cume_dist", as: "share" }], sort: [{ field: "ms" }], groupby: ["path"] },
      {
        calculate: "'path: ' + datum.path + '; ms: ' + datum.ms + '; share: ' + format(datum.share, '.1%')",
        as: "about",
      },
    ],
    encoding: {
      x: { field: "ms", type: "quantitative", scale: { type: "log", nice: false }, title: LATENCY_X_TITLE },
      y: { field: "share", type: "quantitative", axis: { format: "%" }, title: LATENCY_Y_TITLE },
      color: {
        field: "path",
        type: "nominal",
        title: null,
        legend: { orient: "top", labelLimit: 320, labelExpr: LEGEND_LABELS },
      },
      // Vega writes every mark's description into its aria-label: a short one keeps the SVG small.
      description: { field: "about" },
    },
    layer: [
      { mark: { type: "line", interpolate: "step-after" } },
      { name: "samples", mark: { type: "square", size: 10, opacity: 0.6 } },
    ],
  };
}
