/**
 * Spoiler: every case of the spoiler corpus (handler/src/test-support/spoiler-corpus.ts) through the
 * whole chain. The Gemini stub's `replay` scenario streams the scripted answer cut at awkward places
 * (inside fences, mid-line, before line ends), the real SDK and handler read it, and the viewer's text
 * must be the honest answer byte for byte, or carry the notice and none of the withheld code. The
 * request carries the case's `userCode` and `history` (the model's earlier turns count against the
 * budget). Needs the stub's markers, so it runs against the local twin only.
 *
 * Each case runs under both delivery modes of the Function URL, named explicitly (`immediate`: every
 * write reaches the viewer at once; `lambda`: small writes held, as reported for Lambda), whatever mode
 * the stack itself defaults to. A target that cannot start a chain in a given mode (a running stack
 * reached over its dev endpoints) runs the case once, through its own endpoint, and says so.
 */
import type { DeliveryMode } from "../../emulator/config/types.js";
import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import {
  SPOILER_CORPUS,
  type SpoilerCase,
  spoilerProblems,
} from "../../handler/src/test-support/spoiler-corpus.js";
import { type AttackCase, chatBody, judgeAnswer, type Outcome } from "../case.js";
import type { AttackResponse } from "../http.js";
import type { Target } from "../target.js";

/** The Function URL's delivery modes, each named explicitly for every case. */
const DELIVERY_MODES: readonly DeliveryMode[] = ["immediate", "lambda"];

/** The query that makes the stub replay `c.answer`: the user's own words, then the marker. */
function replayQuery(c: SpoilerCase): string {
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

/** Sends the case's chat to `endpoint` as a viewer would. */
async function ask(target: Target, c: SpoilerCase, endpoint: string, where: string): Promise<AttackResponse> {
  const body = chatBody(replayQuery(c), { userCode: c.userCode ?? "", history: c.history ?? [] });
  return target.send(where, {
    url: endpoint,
    method: "POST",
    headers: viewerHeaders(body, `Bearer ${await target.validToken()}`),
    body,
    timeoutMs: 20_000,
  });
}

function spoilerCase(c: SpoilerCase): AttackCase {
  return {
    id: c.id,
    category: "spoiler",
    name: c.name,
    expected:
      c.expect.kind === "untouched"
        ? "200 [DONE], the answer byte for byte (immediate and lambda delivery)"
        : "200 [DONE], the notice instead of the code over the budget; the prose kept (immediate and lambda delivery)",
    needs: ["stub"],
    timeoutMs: 45_000,
    async run(target) {
      const local = target.local;
      if (!local?.deliveryEndpoint) {
        const outcome = judgeSpoiler(c, await ask(target, c, target.endpoint, c.id));
        return { pass: outcome.pass, observed: `${outcome.observed} (the target's own delivery)` };
      }
      const outcomes: string[] = [];
      let pass = true;
      for (const mode of DELIVERY_MODES) {
        const endpoint = await local.deliveryEndpoint(mode);
        const outcome = judgeSpoiler(c, await ask(target, c, endpoint, `${c.id} ${mode}`));
        pass &&= outcome.pass;
        outcomes.push(`${mode}: ${outcome.observed}`);
      }
      return { pass, observed: outcomes.join(" | ") };
    },
  };
}

export const spoilerCases: AttackCase[] = SPOILER_CORPUS.map(spoilerCase);
