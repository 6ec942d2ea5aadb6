/**
 * The code stays readable (ARCHITECTURE.md, "Size"): no source file in the repository over 300 lines,
 * tests included, and no function of the emulator over 80 (its tests and test-support aside), except
 * the data tables named below.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { REPO_ROOT, sourceFiles } from "../test-support/import-graph.js";

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
/** Functions that are tables of data, where one long literal reads better than pieces. */
const TABLES = new Set(["emulator/config/defaults.ts defaultConfig"]);
/** Files that are tables of cases: the attack catalogue's categories, one entry per attack. */
const TABLE_FILES = new Set(["security/cases/edge.ts", "security/cases/tokens.ts"]);
const TOP_LEVEL = [
  "emulator",
  "handler",
  "frontend",
  "bench",
  "security",
  "contracts",
  "scripts",
  "test",
  "terraform",
];

const everyFile = TOP_LEVEL.flatMap((dir) => sourceFiles(dir, { tests: true }))
  .filter((file) => /\.(tsx?|mts|mjs)$/.test(file))
  .map((file) => ({ relative: path.relative(REPO_ROOT, file), text: readFileSync(file, "utf8") }));

const files = sourceFiles("emulator")
  .filter((file) => /\.tsx?$/.test(file) && !file.includes(`${path.sep}test-support${path.sep}`))
  .map((file) => ({ file, relative: path.relative(REPO_ROOT, file), text: readFileSync(file, "utf8") }));

function longFunctions(file: string, relative: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(source) ?? "(anonymous)";
      const lines = last - first + 1;
      if (lines > MAX_FUNCTION_LINES && !TABLES.has(`${relative} ${name}`)) {
        found.push(`${relative}:${first + 1} ${name} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it("reads the emulator's sources (the limits below are not vacuous)", () => {
  expect(files.length).toBeGreaterThan(100);
});

it(`no source file is over ${MAX_FILE_LINES} lines, tests included, case tables aside`, () => {
  expect(everyFile.length).toBeGreaterThan(400);
  const over = everyFile
    .filter(({ relative }) => !TABLE_FILES.has(relative))
    .map(({ relative, text }) => ({
      relative,
      lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
    }))
    .filter(({ lines }) => lines > MAX_FILE_LINES)
    .map(({ relative, lines }) => `${relative} (${lines} lines)`);
  expect(over).toEqual([]);
});

it(`no emulator function is over ${MAX_FUNCTION_LINES} lines, data tables aside`, () => {
  expect(files.flatMap(({ file, relative, text }) => longFunctions(file, relative, text))).toEqual([]);
});
