import { existsSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./import-graph.js";
import { LONG_FILES, longFirst } from "./long-files-first.js";

it("puts the listed files first, in the list's order, and keeps the others' order", () => {
  const files = ["a.test.ts", "long-2.test.ts", "b.test.ts", "long-1.test.ts", "c.test.ts"];
  expect(longFirst(files, (f) => f, ["long-1.test.ts", "long-2.test.ts"])).toEqual([
    "long-1.test.ts",
    "long-2.test.ts",
    "a.test.ts",
    "b.test.ts",
    "c.test.ts",
  ]);
});

it("lists only test files that exist (a renamed file would quietly lose its place)", () => {
  for (const file of LONG_FILES) expect(existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
});
