/**
 * The budget as a property: for random Markdown answers built from fences of both characters and
 * several lengths, indented, HTML and bare code, disguised code (comments, spans in list items, table
 * rows, headings, look-alikes), prose, lists and quotes, cut into random pieces, the text the viewer
 * gets holds at most `max` lines of code when read again by the guard's own rules (a guard with no
 * limit, reading the viewer's text, counts no more). test/spoiler/rendered-code.test.tsx checks the
 * same against what the page itself renders in `<pre>`.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { SpoilerGuard } from "./spoiler-guard.js";

const LINES = [
  "```",
  "````",
  "```js",
  "~~~",
  "~~~~",
  "    indented words",
  "\tx = 1",
  "<pre>",
  "</pre>",
  "<code>",
  "</code>",
  "total += x;",
  "for i in range(n):",
  "    return best",
  "Solution s = new Solution(); s.run(); t.go(); u.stop();",
  `Answer is ${"a.b(c).d(e) ".repeat(12)}`,
  "}",
  "best = width  # keep the best so far.",
  "1. `seen = {}`",
  "| 3 | `last[ch] = i` |",
  "### for ch in s:",
  "｀｀｀",
  "rеturn bеst",
  "plain words here",
  "Think about the loop.",
  "- a list item",
  "1. ```",
  "> ```",
  "> quoted words",
  "> x = 1",
  "",
  "",
];

/** Lines of budget the code in `text` is worth, by the guard's own rules. */
function codeIn(text: string): number {
  const reader = new SpoilerGuard(Number.POSITIVE_INFINITY);
  reader.push(text);
  reader.flush();
  return reader.shown;
}

it("never shows more code lines than the budget, however the answer is built and cut", () => {
  const answer = fc
    .array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 60 })
    .map((ls) => `${ls.join("\n")}\n`);
  fc.assert(
    fc.property(
      answer,
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.nat(), { maxLength: 20 }),
      (text, max, cuts) => {
        const points = [...new Set(cuts.map((c) => c % text.length))]
          .filter((c) => c > 0)
          .sort((a, b) => a - b);
        const pieces = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
        const guard = new SpoilerGuard(max);
        const seen = pieces.map((p) => guard.push(p)).join("") + guard.flush();
        expect(codeIn(seen)).toBeLessThanOrEqual(max);
      },
    ),
    { numRuns: 500, seed: 20261201 },
  );
});

it("the reader counts what it is shown (the property above can fail)", () => {
  expect(codeIn("```\na\nb\n```\nbest = 1\n")).toBe(3);
});
