/**
 * Renders the bench charts to SVG with Vega-Lite -> Vega, headless (no canvas: the "none"
 * renderer and `toSVG()` need neither a browser nor node-canvas).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as vega from "vega";
import * as vl from "vega-lite";
import type { BenchSamples } from "../samples.js";
import { chunkTimelineSpec } from "./chunk-timeline.js";
import { latencySpec } from "./latency.js";
import { throughputSpec } from "./throughput.js";

export const CHART_FILES = {
  latency: "latency.svg",
  throughput: "throughput.svg",
  chunkTimeline: "chunk-timeline.svg",
} as const;

export type ChartName = keyof typeof CHART_FILES;

/** One Vega-Lite spec to SVG text. */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export const SMOKE_LABEL = "SMOKE RUN: tiny sizes, not figures to quote";

/** A smoke run's charts say so in their title, so a picture of one is never taken for the real run. */
function labelled(spec: vl.TopLevelSpec, mode: BenchSamples["mode"]): vl.TopLevelSpec {
  if (mode !== "smoke" || typeof spec.title !== "object" || Array.isArray(spec.title)) return spec;
  return { ...spec, title: { ...spec.title, text: `${String(spec.title.text)} (${SMOKE_LABEL})` } };
}

/** The three charts, as SVG text, from the samples of one bench run. */
export async function renderCharts(samples: BenchSamples): Promise<Record<ChartName, string>> {
  const render = (spec: vl.TopLevelSpec) => renderSvg(labelled(spec, samples.mode));
  return {
    latency: await render(latencySpec(samples.latency)),
    throughput: await render(throughputSpec(samples.throughput)),
    chunkTimeline: await render(chunkTimelineSpec(samples.chunkTimeline)),
  };
}

/** Writes latency.svg, throughput.svg and chunk-timeline.svg into `dir`; returns their paths. */
export async function writeCharts(samples: BenchSamples, dir: string): Promise<Record<ChartName, string>> {
  const svgs = await renderCharts(samples);
  const out = {} as Record<ChartName, string>;
  for (const name of Object.keys(CHART_FILES) as ChartName[]) {
    out[name] = path.join(dir, CHART_FILES[name]);
    writeFileSync(out[name], svgs[name]);
  }
  return out;
}

const CHART_CAPTIONS: Record<ChartName, string> = {
  latency: "Latency distribution, chain vs direct (share of chats finished within each latency)",
  throughput: "Throughput against concurrency (one dot per run, errors marked)",
  chunkTimeline: "Per-chunk arrival: when each piece left the model stub and reached the viewer",
};

/** The results.md section that links the charts (relative: they sit next to it). */
export function chartsMarkdown(files: Record<ChartName, string>): string {
  const lines = ["## Charts", ""];
  for (const name of Object.keys(files) as ChartName[]) {
    lines.push(`- [${CHART_CAPTIONS[name]}](${files[name]})`);
  }
  return `${lines.join("\n")}\n`;
}
