import { describe, expect, it } from "vitest";
import { checkDefaults, type PinnedDefault, WARNING_DAYS } from "./check.js";
import { daysUntil, LIFECYCLE } from "./lifecycle.js";
import type { LifecycleRow } from "./types.js";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const model = (id: string, where = "handler DEFAULT_MODEL"): PinnedDefault => ({
  where,
  id,
  kind: "gemini-model",
});

/** A day `days` before `iso`. */
function daysBefore(iso: string, days: number): Date {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date;
}

describe("checkDefaults", () => {
  it("passes a current model with no announced end", () => {
    expect(checkDefaults([model("gemini-3.8-flash")], at("2026-12-07"))).toEqual([]);
  });

  it("fails an id the table does not know, saying where to add it", () => {
    expect(checkDefaults([model("gemini-9-ultra")], at("2026-12-07"))).toEqual([
      "handler DEFAULT_MODEL: gemini-9-ultra is not in the lifecycle table (emulator/common/lifecycle/); add its row with the source and the date read",
    ]);
  });

  it("fails a model past its shutdown, naming the replacement", () => {
    expect(
      checkDefaults([model("gemini-2.5-flash", "terraform/variables.tf gemini_model")], at("2026-12-07")),
    ).toEqual([
      "terraform/variables.tf gemini_model: gemini-2.5-flash has ended: shutdown on 2026-12-01 (6 days ago); replacement: gemini-3.5-flash-lite",
    ]);
  });

  it("fails a deprecated model even without a date", () => {
    expect(checkDefaults([model("gemini-3.5-flash")], at("2026-12-07"))).toEqual([
      "handler DEFAULT_MODEL: gemini-3.5-flash is deprecated; replacement: gemini-3.6-flash",
    ]);
  });

  // gemini-3.1-flash-lite is the one current model with a listed shutdown (2027-05-07).
  it(`fails ${WARNING_DAYS} days before a listed end and passes ${WARNING_DAYS + 1} days before`, () => {
    const pinned = [model("gemini-3.1-flash-lite")];
    expect(checkDefaults(pinned, daysBefore("2027-05-07", WARNING_DAYS + 1))).toEqual([]);
    expect(checkDefaults(pinned, daysBefore("2027-05-07", WARNING_DAYS))).toEqual([
      `handler DEFAULT_MODEL: gemini-3.1-flash-lite reaches its shutdown (earliest possible) on 2027-05-07, in ${WARNING_DAYS} days (within ${WARNING_DAYS}); replacement: none named by the source, pick a current row`,
    ]);
  });

  it("judges a runtime by its deprecation date, and the same row ended once the date has come", () => {
    const runtime: PinnedDefault = {
      where: "terraform/lambda.tf runtime",
      id: "nodejs22.x",
      kind: "lambda-runtime",
    };
    expect(checkDefaults([runtime], at("2026-12-07"))).toEqual([]);
    expect(checkDefaults([runtime], daysBefore("2027-04-30", 60))[0]).toContain(
      "reaches its deprecation on 2027-04-30, in 60 days (within 90); replacement: nodejs24.x",
    );
    expect(checkDefaults([runtime], at("2027-04-30"))[0]).toContain("has ended: deprecation on 2027-04-30");
  });

  it("matches the kind as well as the id", () => {
    expect(
      checkDefaults([{ where: "x", id: "gemini-3.8-flash", kind: "node" }], at("2026-12-07"))[0],
    ).toContain("is not in the lifecycle table");
  });

  it("reads the rows it is given, so a newly announced end is caught", () => {
    const rows: LifecycleRow[] = LIFECYCLE.map((row) =>
      row.id === "gemini-3.8-flash"
        ? { ...row, end: "2027-09-01", endMeaning: "shutdown", replacement: "gemini-4-flash" }
        : row,
    );
    expect(checkDefaults([model("gemini-3.8-flash")], daysBefore("2027-09-01", 30), rows)[0]).toContain(
      "replacement: gemini-4-flash",
    );
  });
});

it("counts days by the UTC calendar day", () => {
  expect(daysUntil("2026-12-08", new Date("2026-12-07T23:59:59Z"))).toBe(1);
  expect(daysUntil("2026-12-07", new Date("2026-12-07T00:00:00Z"))).toBe(0);
  expect(daysUntil("2026-12-01", new Date("2026-12-07T10:00:00Z"))).toBe(-6);
});
