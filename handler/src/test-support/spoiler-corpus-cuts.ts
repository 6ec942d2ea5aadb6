/**
 * A corpus case against the guard wherever the model's stream is cut: whole, cut into two pieces at
 * every position, one character per piece, and at random sets of cuts. An honest answer must arrive
 * byte for byte and an adversarial one show none of its hidden code (a line streamed early may differ
 * in prose only, e.g. `Here: <code>`). Used by spoiler-corpus-*.test.ts.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { SpoilerGuard } from "../spoiler-guard.js";
import { codeShownIn } from "../spoiler-history.js";
import { CORPUS_MAX_CODE_LINES, type SpoilerCase, spoilerProblems } from "./spoiler-corpus.js";

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

export function expectRightWhateverTheCuts(c: SpoilerCase): void {
  expect(spoilerProblems(c, view([c.answer], c))).toEqual([]);
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
}
