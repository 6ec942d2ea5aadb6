/**
 * A corpus case against the guard wherever the model's stream is cut: whole, cut into two pieces at
 * every position where a cut can change what the guard sees (see `singleCuts`), one character per piece,
 * and at random sets of cuts anywhere. An honest answer must arrive
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

/**
 * `SPOILER_CUTS=every` tries a two-piece cut at every position (`.ci/run` does, once, outside the
 * coverage run): the sweep is quadratic in an answer's length, minutes for the whole corpus. `npm test`
 * tries the positions where the guard's line and block decisions turn, spread evenly up to
 * `SAMPLED_CUTS` per answer, and the random sets of cuts below, which reach any position.
 */
const EVERY_CUT = process.env.SPOILER_CUTS === "every";
const SAMPLED_CUTS = 64;

/**
 * Boundaries next to a character the guard's decisions turn on: line ends of every kind, fence and
 * code-span marks, table pipes, heading and list markers, indentation at a line's start, and anything
 * outside printable ASCII (where look-alikes and format characters sit).
 */
export function turningCuts(chars: readonly string[]): number[] {
  const turning = (ch: string | undefined) => ch !== undefined && /[\n\r`~|#>*+\-\t]|[^\x20-\x7e]/u.test(ch);
  const cuts: number[] = [];
  let lineStarted = false;
  for (let cut = 1; cut < chars.length; cut++) {
    const before = chars[cut - 1] ?? "";
    if (before === "\n" || before === "\r") lineStarted = false;
    else if (before !== " ") lineStarted = true;
    if (!lineStarted || turning(before) || turning(chars[cut])) cuts.push(cut);
  }
  return cuts;
}

/** The single cuts to try: all of them under `SPOILER_CUTS=every`, else an even spread of the turning ones. */
export function singleCuts(chars: readonly string[]): number[] {
  if (EVERY_CUT) return Array.from({ length: Math.max(0, chars.length - 1) }, (_, i) => i + 1);
  const turning = turningCuts(chars);
  if (turning.length <= SAMPLED_CUTS) return turning;
  const step = turning.length / SAMPLED_CUTS;
  return Array.from({ length: SAMPLED_CUTS }, (_, i) => turning[Math.floor(i * step)] ?? 1);
}

export function expectRightWhateverTheCuts(c: SpoilerCase): void {
  expect(spoilerProblems(c, view([c.answer], c))).toEqual([]);
  const chars = Array.from(c.answer);
  const length = chars.length;
  for (const cut of singleCuts(chars)) {
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
