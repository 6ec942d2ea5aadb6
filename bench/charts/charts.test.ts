import { describe, expect, it } from "vitest";
import {
  chunkTimelineSpec,
  LEFT_STUB,
  REACHED_VIEWER,
  TIMELINE_X_TITLE,
  TIMELINE_Y_TITLE,
} from "./chunk-timeline.js";
import { FIXTURE } from "./fixture.js";
import { LATENCY_X_TITLE, LATENCY_Y_TITLE, latencySpec } from "./latency.js";
import { chartsMarkdown, renderCharts, renderSvg, SMOKE_LABEL } from "./render.js";
import { assertWellFormedSvg, axisTitles, markItems, titleTexts } from "./svg-inspect.js";
import { THROUGHPUT_X_TITLE, THROUGHPUT_Y_TITLE, throughputSpec } from "./throughput.js";

const num = (s: string | undefined) => Number(String(s).replace(/,/g, ""));

describe("latency chart", () => {
  it("draws one point per sample, chain and direct apart, with both axis titles", async () => {
    const svg = await renderSvg(latencySpec(FIXTURE.latency));
    assertWellFormedSvg(svg);
    expect(axisTitles(svg)).toEqual([LATENCY_X_TITLE, LATENCY_Y_TITLE]);
    const points = markItems(svg, "samples");
    const of = (prefix: string) => points.filter((p) => p.path?.startsWith(prefix)).map((p) => num(p.ms));
    expect(of("chain").sort((a, b) => a - b)).toEqual(FIXTURE.latency.chainMs);
    expect(of("direct").sort((a, b) => a - b)).toEqual(FIXTURE.latency.directMs);
    // The ECDF reaches 100% for each path: the last sample of each is the slowest.
    expect(points.filter((p) => p.share === "100.0%")).toHaveLength(2);
  });

  it("draws no point for an empty sample set", async () => {
    const svg = await renderSvg(latencySpec({ chainMs: [], directMs: [] }));
    assertWellFormedSvg(svg);
    expect(markItems(svg, "samples")).toEqual([]);
  });
});

describe("throughput chart", () => {
  it("draws one dot per run at its concurrency and marks the level that had errors", async () => {
    const svg = await renderSvg(throughputSpec(FIXTURE.throughput));
    assertWellFormedSvg(svg);
    expect(axisTitles(svg)).toEqual([THROUGHPUT_X_TITLE, THROUGHPUT_Y_TITLE]);
    const runs = markItems(svg, "runs").map((r) => [num(r[THROUGHPUT_X_TITLE]), num(r[THROUGHPUT_Y_TITLE])]);
    expect(runs).toEqual(FIXTURE.throughput.flatMap((l) => l.chatsPerSecond.map((v) => [l.concurrency, v])));
    expect(markItems(svg, "errorCross").map((e) => num(e[THROUGHPUT_X_TITLE]))).toEqual([50]);
    expect(svg).toContain("2 errors, 1 non-2xx");
    expect(titleTexts(svg).join(" ")).toContain("red crosses: levels with errors");
  });

  it("draws each configuration's runs in a colour of its own", async () => {
    const svg = await renderSvg(throughputSpec(FIXTURE.throughput));
    const runs = markItems(svg, "runs");
    const configurations = new Set(FIXTURE.throughput.map((l) => l.configuration));
    for (const name of configurations) {
      const expected = FIXTURE.throughput.filter((l) => l.configuration === name);
      const drawn = runs.filter((r) => r.configuration === name);
      expect(drawn, name).toHaveLength(expected.reduce((n, l) => n + l.chatsPerSecond.length, 0));
    }
    const fills = /<path[^>]*aria-label="[^"]*configuration: (\w+)[^"]*"[^>]*fill="(#[0-9a-f]{6})"/g;
    const colourOf = new Map<string, Set<string>>();
    for (const [, name, fill] of svg.matchAll(fills)) {
      if (!name || !fill) continue;
      colourOf.set(name, (colourOf.get(name) ?? new Set()).add(fill));
    }
    expect(colourOf.size).toBe(configurations.size);
    const [a, b] = [...colourOf.values()];
    expect(a?.size).toBe(1);
    expect([...(a ?? [])][0]).not.toBe([...(b ?? [])][0]);
  });

  it("says so when no level had errors, and marks none", async () => {
    const clean = FIXTURE.throughput.map((l) => ({ ...l, errors: 0, non2xx: 0 }));
    const svg = await renderSvg(throughputSpec(clean));
    expect(markItems(svg, "errorCross")).toEqual([]);
    expect(titleTexts(svg).join(" ")).toContain("no errors at any level");
  });
});

describe("chunk-timeline chart", () => {
  it("draws each piece's send and arrival per path, in the path's own panel", async () => {
    const svg = await renderSvg(chunkTimelineSpec(FIXTURE.chunkTimeline));
    assertWellFormedSvg(svg);
    expect(new Set(axisTitles(svg))).toEqual(new Set([TIMELINE_X_TITLE, TIMELINE_Y_TITLE]));
    const items = markItems(svg, "pieces");
    expect(items).toHaveLength(12);
    for (const path of ["chain", "direct"] as const) {
      const times = (event: string) =>
        items.filter((i) => i.path === path && i.event === event).map((i) => num(i[TIMELINE_X_TITLE]));
      const expected = FIXTURE.chunkTimeline[path];
      expect(times(LEFT_STUB), `${path} sent`).toEqual(expected.map((a) => a.sentMs));
      expect(times(REACHED_VIEWER), `${path} received`).toEqual(expected.map((a) => a.receivedMs));
    }
  });
});

it("results.md's chart section links each SVG by its relative file name", () => {
  const md = chartsMarkdown({ latency: "latency.svg", throughput: "throughput.svg", chunkTimeline: "c.svg" });
  expect(md).toContain("](latency.svg)");
  expect(md).toContain("](throughput.svg)");
  expect(md).toContain("](c.svg)");
});

it("the SVG check refuses a broken document", () => {
  expect(() => assertWellFormedSvg("<svg a='1'><g></svg>")).toThrow("unbalanced </svg>");
  expect(() => assertWellFormedSvg("<html></html>")).toThrow("not an <svg> document");
});

it("labels every chart of a smoke run as such, and none of a full run", async () => {
  const smoke = await renderCharts(FIXTURE);
  for (const svg of Object.values(smoke)) expect(titleTexts(svg).join(" ")).toContain(SMOKE_LABEL);
  const full = await renderCharts({ ...FIXTURE, mode: "full" });
  for (const svg of Object.values(full)) expect(svg).not.toContain("SMOKE");
});
