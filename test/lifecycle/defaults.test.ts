/**
 * The lifecycle check on the project's own defaults (docs/lifecycle.md): none may be unknown to the
 * table, deprecated, ended or within 90 days of its announced end. The clock is injected, so the same
 * check is shown failing on the dates it exists for.
 */
import { beforeAll, expect, it } from "vitest";
import { checkDefaults, type PinnedDefault } from "../../emulator/common/lifecycle/check.js";
import { LIFECYCLE } from "../../emulator/common/lifecycle/lifecycle.js";
import type { LifecycleRow } from "../../emulator/common/lifecycle/types.js";
import { DEFAULT_MODEL } from "../../handler/src/config.js";
import { pinnedDefaults } from "./test-support/pinned-defaults.js";

const TODAY = new Date();
let defaults: PinnedDefault[];
beforeAll(async () => {
  defaults = await pinnedDefaults(TODAY);
});

function daysBefore(iso: string, days: number): Date {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date;
}

it("every pinned default is in the table, not deprecated or ended, and more than 90 days from its end", () => {
  expect(checkDefaults(defaults, TODAY)).toEqual([]);
});

it("reads a default of every kind, so the check above cannot pass by reading nothing", () => {
  const kinds = new Set(defaults.map((d) => d.kind));
  expect([...kinds].sort()).toEqual([
    "gemini-model",
    "gemini-sdk",
    "lambda-runtime",
    "node",
    "runtime-client",
  ]);
  expect(defaults.filter((d) => d.id === DEFAULT_MODEL).length).toBeGreaterThanOrEqual(4);
});

// Google lists no shutdown for the default model today. Once it does (the row gets its date and
// replacement), the same defaults fail 60 days before and pass 100 days before.
it("once the default model has a listed shutdown: 60 days before, the check fails naming the replacement; 100 days before it passes", async () => {
  const shutdown = "2027-09-01";
  const rows: LifecycleRow[] = LIFECYCLE.map((row) =>
    row.id === DEFAULT_MODEL
      ? { ...row, end: shutdown, endMeaning: "shutdown", replacement: "gemini-4-flash" }
      : row,
  );
  // The model defaults, read with the clock moved (the stub's catalogue too); the other kinds have
  // dates of their own to meet by then.
  const modelsOn = async (day: Date) => (await pinnedDefaults(day)).filter((d) => d.kind === "gemini-model");
  const before60 = daysBefore(shutdown, 60);
  const failing = checkDefaults(await modelsOn(before60), before60, rows);
  expect(failing).toContain(
    `handler/src/config.ts DEFAULT_MODEL: ${DEFAULT_MODEL} reaches its shutdown on ${shutdown}, in 60 days (within 90); replacement: gemini-4-flash`,
  );
  expect(failing.length).toBeGreaterThanOrEqual(4);
  expect(failing.every((line) => line.includes(`${DEFAULT_MODEL} reaches its shutdown`))).toBe(true);
  const before100 = daysBefore(shutdown, 100);
  expect(checkDefaults(await modelsOn(before100), before100, rows)).toEqual([]);
});

it("the previous default, gemini-2.5-flash, fails today wherever it is set, naming its replacement", () => {
  const old = defaults.map((d) => (d.id === DEFAULT_MODEL ? { ...d, id: "gemini-2.5-flash" } : d));
  const problems = checkDefaults(old, TODAY);
  expect(problems.length).toBeGreaterThanOrEqual(4);
  for (const line of problems)
    expect(line).toMatch(
      /gemini-2\.5-flash has ended: shutdown on 2026-12-01 .*replacement: gemini-3\.5-flash-lite$/,
    );
});
