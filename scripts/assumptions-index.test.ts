import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  expectedIndex,
  extractAssumptions,
  INDEX_FILE,
  REGENERATE,
  renderIndex,
} from "./assumptions-index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const M = "Assump" + "tion:"; // spelled apart so this file is never a marker itself

describe("the assumptions index (docs/assumptions.md)", () => {
  // The markers (file, text, source) must match; their line numbers may drift with edits above them
  // until the next `npm run assumptions`, so an unrelated edit does not fail the suite.
  it("is current: regenerate it after adding, changing or removing a marker", () => {
    const withoutLines = (index: string) => index.replace(/^(\| `[^`]+):\d+`/gm, "$1`");
    const committed = withoutLines(readFileSync(path.join(root, INDEX_FILE), "utf8"));
    const fresh = withoutLines(expectedIndex(root));
    if (committed !== fresh) {
      throw new Error(`${INDEX_FILE} is stale. Run \`${REGENERATE}\` and commit the result.`);
    }
    expect(committed).toBe(fresh);
  });

  it("lists every row with file and line", () => {
    const index = readFileSync(path.join(root, INDEX_FILE), "utf8");
    const rows = index.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row).toMatch(/^\| `[^`]+:\d+` \| .+ \| .+ \|$/);
  });
});

describe("marker extraction (the convention in scripts/assumptions-index.ts)", () => {
  it("reads a comment marker, its continuation lines and an optional Source", () => {
    const code = [
      "const a = 1;",
      `// ${M} the service answers 404 here,`,
      "// with an empty body. Source: a recorded answer.",
      "",
      "/**",
      ` * Short docs. ${M} kids are`,
      " * 44 characters.",
      " */",
      `it("${M} not a marker, a test name", () => {});`,
      `const url = "x"; // ${M} a trailing marker after code with enough words to stand alone here.`,
    ].join("\n");
    expect(extractAssumptions("a.ts", code)).toEqual([
      {
        file: "a.ts",
        line: 2,
        text: "the service answers 404 here, with an empty body.",
        source: "a recorded answer.",
      },
      { file: "a.ts", line: 6, text: "Short docs. — kids are 44 characters." },
      { file: "a.ts", line: 10, text: "a trailing marker after code with enough words to stand alone here." },
    ]);
  });

  it("renders a table grouped by area, escaping pipes", () => {
    const out = renderIndex([{ file: "emulator/x/y.ts", line: 3, text: "a | b" }]);
    expect(out).toContain("## emulator/x");
    expect(out).toContain("| `emulator/x/y.ts:3` | a \\| b | — |");
  });
});
