/** The table itself: every row sourced and dated, replacements and routes point at rows, the doc current. */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { dateOf, findRow, LIFECYCLE } from "./lifecycle.js";
import { LIFECYCLE_DOC, renderLifecycleDoc } from "./render.js";

it.each(LIFECYCLE.map((row) => [row.id, row] as const))("%s has a source read on a given day", (_, row) => {
  expect(row.sources.length).toBeGreaterThan(0);
  for (const source of row.sources) {
    expect(source.url).toMatch(/^https:\/\//);
    expect(() => dateOf(source.read)).not.toThrow();
  }
  for (const date of [row.released, row.end, ...(row.laterDates ?? []).map((d) => d.date)]) {
    if (date !== undefined) expect(() => dateOf(date)).not.toThrow();
  }
  expect(row.end === undefined || row.endMeaning !== undefined).toBe(true);
});

it("every replacement and every routing target is a row of its own kind, and a route ends at a served model", () => {
  for (const row of LIFECYCLE) {
    if (row.replacement)
      expect(findRow(row.replacement, row.kind), `${row.id} → ${row.replacement}`).toBeDefined();
    const after = row.gemini?.afterEnd;
    if (after?.kind === "routed") {
      expect(findRow(after.to, "gemini-model")?.status, `${row.id} routed to ${after.to}`).toBe("current");
    }
  }
});

it("ids are unique within a kind", () => {
  const keys = LIFECYCLE.map((row) => `${row.kind} ${row.id}`);
  expect(new Set(keys).size).toBe(keys.length);
});

it("docs/lifecycle.md is current (npm run lifecycle rewrites it)", () => {
  expect(readFileSync(LIFECYCLE_DOC, "utf8")).toBe(renderLifecycleDoc());
});
