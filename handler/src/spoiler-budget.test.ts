/**
 * The budget as a property: for random Markdown answers built from fences of both characters and
 * several lengths, indented, HTML and bare code, prose, lists and quotes, cut into random pieces, the
 * text the viewer gets holds at most `max` lines of code when read again by the same scanner.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { codeWeight } from "./code-line.js";
import { MarkdownCodeScanner } from "./markdown-code.js";
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

/** Lines of budget the code a reader of `text` sees is worth, by the guard's own rules. */
function codeLines(text: string): number {
  const scanner = new MarkdownCodeScanner();
  let count = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const { event } = scanner.classify(line);
    if (event.type !== "prose" && event.content.trim() !== "") count += codeWeight(event.content);
  }
  return count;
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
        expect(codeLines(seen)).toBeLessThanOrEqual(max);
      },
    ),
    { numRuns: 500, seed: 20261201 },
  );
});
