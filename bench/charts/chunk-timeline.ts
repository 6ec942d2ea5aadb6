/**
 * Per-chunk arrival timeline (streaming fidelity): for one typical paced answer per path, when each
 * piece left the model stub and when the viewer had it. Equal pacing in both series means the chain
 * streams; a staircase of arrivals bunched at the end would mean it buffers.
 */
import type { TopLevelSpec } from "vega-lite";
import type { BenchSamples, ChunkArrival } from "../samples.js";

export const TIMELINE_X_TITLE = "time since the stub sent piece 1 (ms)";
export const TIMELINE_Y_TITLE = "piece";
export const LEFT_STUB = "left the model stub";
export const REACHED_VIEWER = "reached the viewer";

export function chunkTimelineSpec(timeline: BenchSamples["chunkTimeline"]): TopLevelSpec {
  const rows = (path: string, arrivals: readonly ChunkArrival[]) =>
    arrivals.flatMap((a) => [
      { path, piece: a.piece, event: LEFT_STUB, ms: a.sentMs },
      { path, piece: a.piece, event: REACHED_VIEWER, ms: a.receivedMs },
    ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Per-chunk arrival: chain vs direct",
      subtitle: `${timeline.pieces} pieces every ${timeline.delayMs} ms; one typical chat per path`,
    },
    data: { values: [...rows("chain", timeline.chain), ...rows("direct", timeline.direct)] },
    facet: { row: { field: "path", type: "nominal", title: null, sort: ["chain", "direct"] } },
    spec: {
      width: 560,
      height: 160,
      encoding: {
        x: { field: "ms", type: "quantitative", title: TIMELINE_X_TITLE },
        y: { field: "piece", type: "quantitative", title: TIMELINE_Y_TITLE, axis: { tickMinStep: 1 } },
        color: { field: "event", type: "nominal", title: null, sort: [LEFT_STUB, REACHED_VIEWER] },
        tooltip: [
          { field: "path", title: "path" },
          { field: "event", title: "event" },
          { field: "piece", type: "quantitative", title: TIMELINE_Y_TITLE },
          { field: "ms", type: "quantitative", title: TIMELINE_X_TITLE },
        ],
      },
      layer: [
        { mark: { type: "line", interpolate: "step-after", opacity: 0.5 } },
        { name: "pieces", mark: { type: "point", filled: true, size: 30 } },
      ],
    },
  };
}
