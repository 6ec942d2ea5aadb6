/**
 * The emulator stays readable (ARCHITECTURE.md, "Size"): no source file over 300 lines and no function
 * over 80, except the data tables named below. Tests and test-support are not counted.
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

it(`no emulator source file is over ${MAX_FILE_LINES} lines`, () => {
  const over = files
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
