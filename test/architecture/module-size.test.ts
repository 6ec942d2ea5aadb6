/**
 * The code stays readable (ARCHITECTURE.md, "Size"): no source file in the repository over 300 lines,
 * tests included, and no function over 80 lines, except the data tables named below.
 *
 * The function limit holds in every top-level folder, for sources, tests and test-support alike
 * (JavaScript files too): a test helper, a fixture handler or one `it` case is read like any other
 * function, and a React component is a function. The one thing it does not count is the callback
 * given to vitest's `describe` (test-support/long-functions.ts): that is a row of cases side by side,
 * each read on its own, so its length says how many cases there are, not how much a reader must keep
 * in mind. A file of cases still stops at 300 lines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, sourceFiles } from "../test-support/import-graph.js";
import { longFunctions } from "../test-support/long-functions.js";

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
/** Functions that are tables of data, where one long literal reads better than pieces (`file name`). */
const TABLES = new Set([
  "emulator/config/defaults.ts defaultConfig", // every setting's default, in the shape of StackConfig
  "emulator/function-url/conformance/test-support/cases.ts fixtures", // the conformance cases, one per row
]);
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

const everyFile = TOP_LEVEL.flatMap((dir) => sourceFiles(dir, { tests: true })).map((file) => ({
  file,
  relative: path.relative(REPO_ROOT, file),
  text: readFileSync(file, "utf8"),
}));
const sizeCheckedFiles = everyFile.filter(({ file }) => /\.(tsx?|mts|mjs)$/.test(file));

/** Every function over the limit: `key` as TABLES names it (`file name`), `where` to find it. */
const overLimit = everyFile.flatMap(({ file, relative, text }) =>
  longFunctions(file, text, MAX_FUNCTION_LINES).map(({ name, line, lines }) => ({
    key: `${relative} ${name}`,
    where: `${relative}:${line} ${name} (${lines} lines)`,
  })),
);

it("reads every top-level folder's sources (the limits below are not vacuous)", () => {
  for (const dir of TOP_LEVEL) {
    expect(everyFile.filter(({ relative }) => relative.startsWith(`${dir}/`)).length, dir).toBeGreaterThan(0);
  }
  expect(sizeCheckedFiles.length).toBeGreaterThan(400);
});

it(`no source file is over ${MAX_FILE_LINES} lines, tests included, case tables aside`, () => {
  const over = sizeCheckedFiles
    .filter(({ relative }) => !TABLE_FILES.has(relative))
    .map(({ relative, text }) => ({
      relative,
      lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
    }))
    .filter(({ lines }) => lines > MAX_FILE_LINES)
    .map(({ relative, lines }) => `${relative} (${lines} lines)`);
  expect(over).toEqual([]);
});

it(`no function is over ${MAX_FUNCTION_LINES} lines, tests and test-support included, data tables aside`, () => {
  expect(overLimit.filter(({ key }) => !TABLES.has(key)).map(({ where }) => where)).toEqual([]);
});

it("every named data table is still a function over the limit (no exception outlives its reason)", () => {
  const found = new Set(overLimit.map(({ key }) => key));
  expect([...TABLES].filter((key) => !found.has(key))).toEqual([]);
});

describe("the function finder", () => {
  const body = (lines: number) => "  step();\n".repeat(lines - 2);
  const fn = (lines: number) => `function plain() {\n${body(lines)}}\n`;

  it("counts a function from its first line to its closing brace: 81 lines is over 80, 80 is not", () => {
    expect(longFunctions("a.ts", `/** doc */\n${fn(81)}`, 80)).toEqual([
      { name: "plain", line: 2, lines: 81 },
    ]);
    expect(longFunctions("a.ts", fn(80), 80)).toEqual([]);
  });

  it("counts methods, arrows, React components and `it` cases, named by what holds them", () => {
    const text = [
      `class Service {\n  start() {\n${body(81)}  }\n}`,
      `const Panel = () => (\n  <div>\n${"    <p />\n".repeat(80)}  </div>\n);`,
      `it("one case", () => {\n${body(81)}});`,
    ].join("\n");
    expect(longFunctions("a.tsx", text, 80).map(({ name }) => name)).toEqual([
      "start",
      "Panel",
      "it callback",
    ]);
  });

  it("leaves out describe blocks in every form, but not the cases inside them", () => {
    const text = [
      `describe("a", () => {\n${body(81)}});`,
      `describe.each([1])("b %s", () => {\n${body(81)}});`,
      `describe.skipIf(true)("c", () => {\n  it("long", async () => {\n${body(81)}  });\n});`,
    ].join("\n");
    expect(longFunctions("a.test.ts", text, 80).map(({ name }) => name)).toEqual(["it callback"]);
  });

  it("reads plain JavaScript too", () => {
    expect(longFunctions("f.js", `var handler = function (event) {\n${body(81)}};`, 80)).toEqual([
      { name: "handler", line: 1, lines: 81 },
    ]);
  });
});
