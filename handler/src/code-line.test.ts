import { describe, expect, it } from "vitest";
import { codeWeight, isCodeLine, startsAsProse } from "./code-line.js";

describe("isCodeLine", () => {
  it.each([
    "total += values[i];",
    "for (int i = 0; i < n; i++) {",
    "}",
    "});",
    "def solve(values):",
    "    return best",
    "else:",
    "a, b = b, a + b",
    "result.append(x)",
    "#include <stdio.h>",
    "`last_seen[ch] = i`",
    "if width > best:",
    "import sys",
    "Solution extends Base {",
    "### for i, ch in enumerate(s):",
    "| 3 | `best = max(best, width)` |",
    "Line 4: if ch in last_seen:",
  ])("code: %s", (line) => {
    expect(isCodeLine(line)).toBe(true);
  });

  it.each([
    "Think about what the loop keeps true.",
    "Your nested loops make it `O(n^2)` in the worst case, far too slow for n = 10^5.",
    "- for each step, is the window free of repeats?",
    "## Checklist",
    "| approach | time |",
    'Try `"pwwkew"` by hand.',
    "Submit that.",
    "Note: use a dictionary.",
    "Time complexity: O(n^2)",
    "| sliding window | O(n) | O(k) |",
    "# compute the answer",
    "いい質問です 🙂",
    "",
    "Change `best = max(best, right - left)` to count both ends of the window.",
  ])("prose: %s", (line) => {
    expect(isCodeLine(line)).toBe(false);
  });
});

describe("startsAsProse", () => {
  it.each(["Hello", "Hello, ", "one", "Good question", "**Hint:** think", "いい質問"])(
    "streams early: %s",
    (text) => {
      expect(startsAsProse(text)).toBe(true);
    },
  );

  it.each(["de", "return x", "best = ", "x.append", "`x`", "    indented", "# Title", "print the", "1. "])(
    "waits for the line's end: %s",
    (text) => {
      expect(startsAsProse(text)).toBe(false);
    },
  );
});

describe("codeWeight", () => {
  it.each([
    ["a += v[i];", 1],
    ["last = {}", 1],
    ["}", 1],
    ["for (let i = 0; i < n; i++) {", 3],
    ["if (x) { y(); }", 3],
    [`s = "${"x".repeat(160)}"`, 3],
  ])("%s counts %i", (line, weight) => {
    expect(codeWeight(line)).toBe(weight);
  });
});
