/**
 * Spoiler (issue 15): every case of the spoiler corpus (handler/src/test-support/spoiler-corpus.ts)
 * through the whole chain. The Gemini stub's `replay` scenario streams the scripted answer cut at
 * awkward places (inside fences, mid-line, before line ends), the real SDK and handler read it, and
 * the viewer's text must be the honest answer byte for byte, or carry the notice and none of the
 * withheld code. Needs the stub's markers, so it runs against the local twin only.
 */
import {
  SPOILER_CORPUS,
  type SpoilerCase,
  spoilerProblems,
} from "../../handler/src/test-support/spoiler-corpus.js";
import { type AttackCase, chatBody, judgeAnswer, type Outcome, postChat } from "../case.js";
import type { AttackResponse } from "../http.js";

/** The query that makes the stub replay `c.answer`: the user's own words, then the marker. */
export function replayQuery(c: SpoilerCase): string {
  return `${c.query} [[stub:replay delayMs=0 text=${Buffer.from(c.answer, "utf8").toString("base64url")}]]`;
}

/** A complete stream whose text is what the corpus expects for `c`. */
export function judgeSpoiler(c: SpoilerCase, res: AttackResponse): Outcome {
  const answer = judgeAnswer(res);
  const problems = res.status === 200 ? spoilerProblems(c, res.text) : [];
  const verdict = c.expect.kind === "untouched" ? "untouched" : "withheld";
  return {
    pass: answer.pass && problems.length === 0,
    observed:
      problems.length === 0 ? `${answer.observed}, ${verdict}` : `${answer.observed}: ${problems.join("; ")}`,
  };
}

function spoilerCase(c: SpoilerCase): AttackCase {
  return {
    id: c.id,
    category: "spoiler",
    name: c.name,
    expected:
      c.expect.kind === "untouched"
        ? "200 [DONE], the answer byte for byte"
        : "200 [DONE], the notice instead of the code over the budget; the prose kept",
    needs: ["stub"],
    async run(target) {
      const body = chatBody(replayQuery(c), { userCode: c.userCode ?? "" });
      const res = await postChat(target, c.id, `Bearer ${await target.validToken()}`, { body });
      return judgeSpoiler(c, res);
    },
  };
}

export const spoilerCases: AttackCase[] = SPOILER_CORPUS.map(spoilerCase);
