/** Reading and writing a run's files: results.{json,md}, results.samples.json and the SVG charts. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHART_FILES, type ChartName, chartsMarkdown, writeCharts } from "./charts/render.js";
import { assertValidResults, type BenchResults, renderMarkdown } from "./report.js";
import type { BenchSamples } from "./samples.js";

/** What one run produces: the summarised results and the bounded raw samples behind the charts. */
export interface BenchRun {
  results: BenchResults;
  samples: BenchSamples;
}

export interface WrittenFiles {
  json: string;
  md: string;
  samples: string;
  charts: Record<ChartName, string>;
}

/** results.json, results.samples.json, the three SVG charts, and results.md linking them. */
export async function writeResults({ results, samples }: BenchRun, outDir: string): Promise<WrittenFiles> {
  mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, "results.json");
  const md = path.join(outDir, "results.md");
  const samplesFile = path.join(outDir, "results.samples.json");
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(samplesFile, `${JSON.stringify(samples)}\n`);
  const charts = await writeCharts(samples, outDir);
  writeFileSync(md, `${renderMarkdown(results)}\n${chartsMarkdown(CHART_FILES)}`);
  return { json, md, samples: samplesFile, charts };
}

/** A results.json from disk, checked; the error names the file and the problem. */
export function readResults(file: string): BenchResults {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read bench results ${file}: ${(error as Error).message}`);
  }
  try {
    assertValidResults(value);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return value;
}
