import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnswerNormalizer, normalizeAnswer } from "./spoiler-normalize.js";

describe("normalizeAnswer", () => {
  it.each([
    ["CRLF", "a\r\nb", "a\nb"],
    ["a lone CR", "a\rb\r", "a\nb\n"],
    ["U+2028 and U+2029", "a\u2028b\u2029c", "a\nb\nc"],
    ["U+0085", "a\u0085b", "a\nb"],
    ["a zero-width space inside a fence", "`\u200B``", "```"],
    [
      "joiners, bidi controls, a soft hyphen, a BOM",
      "\uFEFFre\u200Dturn \u202Ebest\u202C x\u00ADy",
      "return best xy",
    ],
  ])("%s", (_, text, canonical) => {
    expect(normalizeAnswer(text)).toBe(canonical);
  });

  it("keeps the joiners and tags that draw emoji", () => {
    const family = "👩\u200D👩\u200D👧";
    const fire = "❤️\u200D🔥";
    const scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    expect(normalizeAnswer(`${family} ${fire} ${scotland}`)).toBe(`${family} ${fire} ${scotland}`);
    expect(normalizeAnswer("a\u200Db \u{E0067}")).toBe("ab ");
  });
});

describe("AnswerNormalizer", () => {
  const pieces = [
    "a",
    "\r",
    "\n",
    "b",
    "\u200B",
    "`",
    "👩",
    "\u200D",
    "👧",
    "\r",
    "c",
    "\uD83D\uDC69",
    "x",
    "\u2028",
    "🏴",
    "\u{E0067}",
  ];
  it("gives the canonical form of the whole, however the text is cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, cuts) => {
          const text = parts.join("");
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const normalizer = new AnswerNormalizer();
          let out = "";
          let at = 0;
          for (const point of points) {
            out += normalizer.push(text.slice(at, point));
            at = point;
          }
          out += normalizer.push(text.slice(at)) + normalizer.flush();
          expect(out).toBe(normalizeAnswer(text));
        },
      ),
      { numRuns: 2000, seed: 20261207 },
    );
  });

  it("holds a CR until it knows whether a LF follows", () => {
    const normalizer = new AnswerNormalizer();
    expect(normalizer.push("a\r")).toBe("a");
    expect(normalizer.push("\nb")).toBe("\nb");
    expect(normalizer.flush()).toBe("");
  });
});
