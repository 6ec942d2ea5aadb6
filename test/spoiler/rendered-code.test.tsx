/**
 * One view of an answer, as a property: for random answers, cut into random pieces, the text the guard
 * lets through is rendered by the page's own `Markdown` component (react-markdown, server-side), and
 * every line the page puts in a `<pre>` block must have been counted: their weight together stays
 * within the budget (less what the conversation already showed). Answers are built from what makes a
 * guard and a renderer disagree: fences of both characters and several lengths (real, broken by a
 * zero-width character, drawn with full-width look-alikes), indentation by spaces and tabs, list items
 * and block quotes nested, HTML, every kind of line end (CRLF, CR, U+2028, U+2029), code and prose.
 */
import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { Markdown } from "../../frontend/src/components/Markdown.js";
import { codeWeight } from "../../handler/src/code-line.js";
import { SpoilerGuard } from "../../handler/src/spoiler-guard.js";

const PREFIXES = [
  ...["", "", "", "> ", ">", "> > ", ">>", "  > ", "> - ", "- ", "* ", "- - ", "1. ", "1.  ", "2) "],
  ...["   ", "  ", "    ", "\t", "      ", "-   ", " \t"],
];
const BODIES = [
  ...["```", "````", "```js", "~~~", "~~~~", "`\u200B``", "\uFF40\uFF40\uFF40", "ˋˋˋ", "``", "\\```"],
  ...["<pre>", "</pre>", "<code>", "</code>", "<div>", "<script>", "</script>", "<!-- note -->", "[a]: /url"],
  ...["total += x;", "for i in range(n):", "return best", "best = max(best, i - start + 1)", "}", "x"],
  ...["\u00A0\u00A0\u00A0\u00A0x = 1;", "plain words here", "Think about the loop.", "# heading"],
  ...["---", "===", "2) x", "-", "1.", "", "", ""],
];
const ENDS = ["\n", "\n", "\n", "\n", "\r\n", "\r", "\u2028", "\u2029"];

const answer = fc
  .array(fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...BODIES), fc.constantFrom(...ENDS)), {
    minLength: 1,
    maxLength: 40,
  })
  .map((lines) => lines.map(([prefix, body, end]) => `${prefix}${body}${end}`).join(""));

/** The weight of the code the page shows in `<pre>` blocks, line by line. */
function preWeight(text: string): number {
  const html = renderToStaticMarkup(<Markdown text={text} />);
  let weight = 0;
  for (const [, inner] of html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)) {
    const code = (inner ?? "")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, "&");
    for (const line of code.split(/\n|\u2028|\u2029/)) if (line.trim() !== "") weight += codeWeight(line);
  }
  return weight;
}

function guarded(text: string, cuts: number[], max: number, alreadyShown: number): string {
  const points = [...new Set(cuts.map((c) => c % text.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const pieces = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
  const guard = new SpoilerGuard(max, { alreadyShown });
  return pieces.map((p) => guard.push(p)).join("") + guard.flush();
}

it("nothing the page renders in <pre> escapes the count, however the answer is built and cut", () => {
  fc.assert(
    fc.property(
      answer,
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 0, max: 3 }),
      fc.array(fc.nat(), { maxLength: 20 }),
      (text, max, alreadyShown, cuts) => {
        const seen = guarded(text, cuts, max, alreadyShown);
        expect(preWeight(seen)).toBeLessThanOrEqual(Math.max(0, max - alreadyShown));
      },
    ),
    {
      numRuns: Number(process.env.PROPERTY_RUNS ?? 400),
      seed: Number(process.env.PROPERTY_SEED ?? 20261207),
    },
  );
});

it("the check sees code: an unguarded answer with a long block goes over", () => {
  const text = `\`\`\`\n${"x = 1;\n".repeat(9)}\`\`\`\n`;
  expect(preWeight(text)).toBe(9);
  expect(preWeight(guarded(text, [], 6, 0))).toBe(0);
  expect(preWeight("- ```\n  a\n  b\n")).toBe(2);
});
