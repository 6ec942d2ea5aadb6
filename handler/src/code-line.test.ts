import { describe, expect, it } from "vitest";
import { codeWeight, fenceLike, isCommentLine, judgeLine, startsAsProse } from "./code-line.js";
import { BareLineJudge } from "./code-line-context.js";
import { skeleton } from "./code-line-skeleton.js";

const isCode = (line: string) => judgeLine(line).code;

describe("judgeLine", () => {
  it.each([
    "total += values[i];",
    "for (int i = 0; i < n; i++) {",
    "}",
    "});",
    "def solve(values):",
    "return best",
    "else:",
    "a, b = b, a + b",
    "result.append(x)",
    "#include <stdio.h>",
    "`last_seen[ch] = i`",
    "if width > best:",
    "import sys",
    "Solution extends Base {",
    "for i, ch in enumerate(s):",
    "| 3 | `best = max(best, width)` |",
    "Line 4: if ch in last_seen:",
  ])("code: %s", (line) => {
    expect(isCode(line)).toBe(true);
  });

  it.each([
    "Think about what the loop keeps true.",
    "Your nested loops make it `O(n^2)` in the worst case, far too slow for n = 10^5.",
    "for each step, is the window free of repeats?",
    "Checklist",
    "| approach | time |",
    'Try `"pwwkew"` by hand.',
    "Submit that.",
    "Note: use a dictionary.",
    "Time complexity: O(n^2)",
    "| sliding window | O(n) | O(k) |",
    "compute the answer",
    "いい質問です 🙂",
    "",
    "---",
    "n = the length of the string",
    "With n = 10^5 that is 10^10 comparisons.",
    "It is `right - left + 1`, and the best so far lives in `best`.",
    "Хороший вопрос! Подумайте, что нужно помнить.",
  ])("prose: %s", (line) => {
    expect(isCode(line)).toBe(false);
  });

  // The shapes code takes to pass for prose, each with its family.
  it.each([
    ["a comment written as a sentence (#)", "best = max(best, width)  # keep the widest window so far."],
    ["a comment written as a sentence (//)", "start = last.get(ch) + 1; // Jump past the earlier copy."],
    [
      "a comment written as a sentence (--)",
      "  for i = 1, #s do -- walk over the string one character at a time.",
    ],
    ["a comment written as a sentence (/* */)", "seen.set(nums[i], i); /* remember where we saw it. */"],
    ["an assignment followed by words", "best = max(best, i - start + 1) which keeps the widest one"],
    ["a declaration followed by words", "let best = 0 as the record so far"],
    ["a statement inside a sentence", "Then best = width happens here, and we carry on with the next step."],
    ["a sentence as a label before code", "we remember where each character was: last[ch] = i"],
    ["a numbered step holding one span", "1. `seen = {}`"],
    ["a step inside a sentence holding a statement", "Next, write `start = last[ch] + 1` and keep going."],
    ["an unframed table row", "7 | start = last_seen[ch] + 1"],
    ["Kotlin", "fun lengthOfLongestSubstring(s: String): Int {"],
    ["Haskell", "go best start seen ((i, c) : rest) ="],
    ["Elixir", "|> Enum.reduce({%{}, 0, 0}, fn {ch, i}, {last, start, best} ->"],
    ["OCaml", "let rec go i start best ="],
    ["Lua", "local function longest(s)"],
    ["look-alike letters (Cyrillic)", "rеturn bеst"],
    ["look-alike letters (full-width)", "ｒｅｔｕｒｎ ｂｅｓｔ"],
    ["look-alike letters (mathematical bold)", "𝐫𝐞𝐭𝐮𝐫𝐧 𝐛𝐞𝐬𝐭"],
  ])("code disguised as prose, %s", (_, line) => {
    expect(isCode(line)).toBe(true);
  });

  it("reads character references and escapes as the characters they show", () => {
    expect(isCode("&#96;x = 1;&#96;")).toBe(true);
    expect(isCode("\\`done\\`")).toBe(false);
  });

  it("counts a line by its code: spans holding statements each count, a whole code line by its length", () => {
    expect(judgeLine("Use `a = 1` then `b = 2`, and `c`.")).toEqual({ code: true, weight: 2 });
    expect(judgeLine("x = 1; y = 2; z = 3;")).toEqual({ code: true, weight: 3 });
  });
});

describe("skeleton", () => {
  it("reads look-alikes, full-width and mathematical letters and blank fillers as what they imitate", () => {
    expect(skeleton("rеturn ｂｅｓｔ 𝐢𝐟 x\u3164=\u31641 ～～～ ˋˋˋ Іnt")).toBe(
      "return best if x = 1 ~~~ ``` Int",
    );
  });

  it("leaves ASCII and the letters of other scripts alone", () => {
    expect(skeleton("plain text = 1;")).toBe("plain text = 1;");
    expect(skeleton("日本語")).toBe("日本語");
  });
});

describe("fenceLike and isCommentLine", () => {
  it("sees a fence drawn with look-alikes", () => {
    expect(fenceLike("｀｀｀python")).toEqual({ char: "`", length: 3 });
    expect(fenceLike("〜〜〜〜")).toEqual({ char: "~", length: 4 });
    expect(fenceLike("Here ```")).toBeUndefined();
  });

  it("knows a comment-only line", () => {
    expect(isCommentLine("// keep the best")).toBe(true);
    expect(isCommentLine("-- done")).toBe(true);
    expect(isCommentLine("Keep the best.")).toBe(false);
  });
});

describe("startsAsProse", () => {
  it.each(["Hello", "Hello, ", "one", "Good question", "**Hint:** think", "いい質問"])(
    "streams early: %s",
    (text) => {
      expect(startsAsProse(text)).toBe(true);
    },
  );

  it.each([
    "de",
    "return x",
    "best = ",
    "x.append",
    "`x`",
    "    indented",
    "# Title",
    "print the",
    "1. ",
    "rеturn x",
    "fun f",
  ])("waits for the line's end: %s", (text) => {
    expect(startsAsProse(text)).toBe(false);
  });
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

describe("BareLineJudge", () => {
  it("keeps a comment-only line with the code around it, counting nothing", () => {
    const judge = new BareLineJudge();
    expect(judge.judge("total += x;")).toMatchObject({ code: true, weight: 1 });
    expect(judge.judge("// and again")).toEqual({ code: true, weight: 0, neutral: true });
    expect(judge.judge("// not after code")).toMatchObject({ code: true });
    judge.reset();
    expect(judge.judge("// not after code")).toEqual({ code: false, weight: 0, neutral: false });
  });
});
