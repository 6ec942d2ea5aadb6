/**
 * The spoiler corpus (test-support/spoiler-corpus.ts) against the guard: each case whole, then cut
 * into two pieces at every position, one character per piece, and at random sets of cuts. Wherever the
 * model's stream was cut, an honest answer arrives byte for byte and an adversarial one shows none of
 * its hidden code (a line streamed early may differ in prose only, e.g. `Here: <code>`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpoilerGuard } from "./spoiler-guard.js";
import { codeShownIn } from "./spoiler-history.js";
import {
  CORPUS_MAX_CODE_LINES,
  SPOILER_CORPUS,
  type SpoilerCase,
  spoilerProblems,
} from "./test-support/spoiler-corpus.js";

function view(pieces: string[], c: SpoilerCase): string {
  const guard = new SpoilerGuard(CORPUS_MAX_CODE_LINES, {
    userCode: c.userCode,
    alreadyShown: codeShownIn(c.history ?? []),
  });
  return pieces.map((p) => guard.push(p)).join("") + guard.flush();
}

/** Cuts at code point boundaries, as the stub does (a lone surrogate never travels). */
function cutAt(text: string, cuts: number[]): string[] {
  const chars = Array.from(text);
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < chars.length).sort((a, b) => a - b);
  return [0, ...points].map((start, i) => chars.slice(start, points[i] ?? chars.length).join(""));
}

describe("spoiler corpus", () => {
  it("has at least 60 honest and 60 adversarial cases, with unique ids", () => {
    expect(new Set(SPOILER_CORPUS.map((c) => c.id)).size).toBe(SPOILER_CORPUS.length);
    expect(SPOILER_CORPUS.filter((c) => c.expect.kind === "untouched").length).toBeGreaterThanOrEqual(60);
    expect(SPOILER_CORPUS.filter((c) => c.expect.kind === "withheld").length).toBeGreaterThanOrEqual(60);
  });

  for (const c of SPOILER_CORPUS) {
    it(`${c.id} ${c.name}: ${c.expect.kind}, whatever the cuts`, () => {
      const whole = view([c.answer], c);
      expect(spoilerProblems(c, whole)).toEqual([]);
      const length = Array.from(c.answer).length;
      for (let cut = 1; cut < length; cut++) {
        const problems = spoilerProblems(c, view(cutAt(c.answer, [cut]), c));
        if (problems.length > 0) expect.fail(`cut at ${cut}: ${problems.join("; ")}`);
      }
      expect(spoilerProblems(c, view(Array.from(c.answer), c))).toEqual([]);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 40 }), (cuts) => {
          expect(spoilerProblems(c, view(cutAt(c.answer, cuts), c))).toEqual([]);
        }),
        { numRuns: 30 },
      );
    });
  }
});
