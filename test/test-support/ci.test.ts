import { afterEach, expect, it, vi } from "vitest";
import { canRun, isCi } from "./ci.js";

afterEach(() => {
  vi.restoreAllMocks();
});

it.each(["true", "TRUE", "True", "1", "yes", "YES", " yes ", "on", "github-actions"])(
  "CI=%j counts as CI",
  (v) => {
    expect(isCi({ CI: v })).toBe(true);
  },
);

it.each([undefined, "", " ", "false", "FALSE", "0", "no", "No", "off"])("CI=%j does not", (v) => {
  expect(isCi({ CI: v })).toBe(false);
});

it("runs when nothing is missing, CI or not", () => {
  expect(canRun("[t]", undefined, { CI: "1" })).toBe(true);
  expect(canRun("[t]", undefined, {})).toBe(true);
});

it("skips with the reason printed when something is missing outside CI", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  expect(canRun("[e2e] playground", "Chromium not found", {})).toBe(false);
  expect(warn).toHaveBeenCalledWith("[e2e] playground: skipped: Chromium not found.");
});

it.each(["true", "1", "yes"])("fails instead of skipping under CI=%s", (v) => {
  expect(() => canRun("[e2e] playground", "Chromium not found", { CI: v })).toThrow(
    `[e2e] playground: Chromium not found; CI=${v} makes this a failure, not a skip.`,
  );
});
