import { describe, expect, it } from "vitest";
import {
  beforeComment,
  codeSpans,
  embeddedStatements,
  labelParts,
  plainInline,
  tableCells,
  unescapeInline,
  withoutSpans,
} from "./code-line-text.js";

describe("what a line of Markdown text shows", () => {
  it("undoes character references and backslash escapes", () => {
    expect(unescapeInline("&#96;&#x60;&lt;&GT;&amp;&nbsp;&unknown; &#0; \\` \\*")).toBe(
      "``<>& &unknown; \uFFFD ` *",
    );
  });

  it("drops emphasis markers and link brackets, keeping names with underscores", () => {
    expect(plainInline("**bold** *it* _it_ snake_case_name [text](https://x.test) <https://y.test>")).toBe(
      "bold it it snake_case_name text https://y.test",
    );
  });

  it("finds inline code spans, a run of backticks closed by one as long", () => {
    expect(codeSpans("a `x` b ``y ` z`` c `open")).toEqual([
      { content: "x", start: 2, end: 5 },
      { content: "y ` z", start: 8, end: 17 },
    ]);
    expect(withoutSpans("a `x` b", codeSpans("a `x` b"))).toBe("a code b");
  });

  it("splits table rows into cells, not at bars inside code spans", () => {
    expect(tableCells("| 3 | `a || b` | x |")).toEqual(["3", "`a || b`", "x"]);
    expect(tableCells("3 | best = max(b, w)")).toEqual(["3", "best = max(b, w)"]);
    expect(tableCells("|---|:---:|")).toEqual([]);
    expect(tableCells("a || b")).toBeUndefined();
  });

  it("gives both sides of a label or separator", () => {
    expect(labelParts("Line 3: x = 1")).toEqual(["Line 3:", "x = 1"]);
    expect(labelParts("for x in xs: go on")).toEqual(["for x in xs:", "go on"]);
    expect(labelParts("Step 2 - y = 2")).toEqual(["Step 2", "y = 2"]);
    expect(labelParts("3) z")).toEqual(["z"]);
    expect(labelParts("no label here")).toEqual([]);
  });

  it("finds statements written inside a sentence", () => {
    expect(embeddedStatements("Then best = width happens here")).toEqual(["best = width happens here"]);
    expect(embeddedStatements("no statement")).toEqual([]);
  });

  it("finds the code before a trailing comment", () => {
    expect(beforeComment("x = 1  # set x.")).toBe("x = 1");
    expect(beforeComment("x = 1; // note")).toBe("x = 1;");
    expect(beforeComment("return best -- done")).toBe("return best");
    expect(beforeComment("y = 2 /* why */")).toBe("y = 2");
    expect(beforeComment("# only a comment")).toBeUndefined();
    expect(beforeComment("no comment")).toBeUndefined();
  });
});
