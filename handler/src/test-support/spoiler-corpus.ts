/**
 * The spoiler corpus: scripted model answers (and the user prompts that asked for them) the spoiler
 * guard must judge right with the default budget of 6 code lines (SPOILER_MAX_CODE_LINES). Honest
 * hints must pass untouched; adversarial answers must not show the withheld code and must show the
 * notice. Used by the unit tests (every piece split), the chain replay through the Gemini stub, and
 * the attack suite's `spoiler` category (`npm run attack -- --only SPL`).
 */

import { DEFAULT_SPOILER_MAX_CODE_LINES } from "../config.js";
import { SPOILER_NOTICE } from "../spoiler-guard.js";
import { ADVERSARIAL } from "./spoiler-corpus-adversarial.js";
import { ADVERSARIAL_DISGUISED } from "./spoiler-corpus-disguised.js";
import { HONEST } from "./spoiler-corpus-honest.js";
import { HONEST_CODE } from "./spoiler-corpus-honest-code.js";
import { HONEST_PROSE } from "./spoiler-corpus-honest-prose.js";
import { ADVERSARIAL_TURNS } from "./spoiler-corpus-turns.js";
import { ADVERSARIAL_UNICODE } from "./spoiler-corpus-unicode.js";

export const CORPUS_MAX_CODE_LINES = DEFAULT_SPOILER_MAX_CODE_LINES;

export interface SpoilerCase {
  id: string;
  name: string;
  /** What the user asked (adversarial prompts included); the chain sends it as the query. */
  query: string;
  userCode?: string;
  /** Earlier turns the client sends with the query; the model's turns count against the budget. */
  history?: Array<{ role: "user" | "model"; content: string }>;
  /**
   * Honest answers: how many of its text lines (outside code blocks) do show code, so the guard should
   * count them (default 0). The false-positive measure compares the guard's count with it.
   */
  bareCode?: number;
  /** The model's whole answer, as the stub replays it. */
  answer: string;
  expect:
    | { kind: "untouched" }
    /** Withheld: the notice appears, none of `hidden` does, all of `kept` (prose, allowed code) does. */
    | { kind: "withheld"; hidden: string[]; kept: string[] };
}

/** In id order (the attack report lists them so). */
export const SPOILER_CORPUS: readonly SpoilerCase[] = [
  ...HONEST,
  ...HONEST_PROSE,
  ...HONEST_CODE,
  ...ADVERSARIAL,
  ...ADVERSARIAL_DISGUISED,
  ...ADVERSARIAL_UNICODE,
  ...ADVERSARIAL_TURNS,
].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));

/**
 * What is wrong with the text a viewer saw for a case (empty when it is right): an honest answer must
 * arrive byte for byte; a withheld one must carry the notice, none of the hidden code and all the kept text.
 */
export function spoilerProblems(c: SpoilerCase, seen: string): string[] {
  if (c.expect.kind === "untouched") {
    if (seen === c.answer) return [];
    const at = [...seen].findIndex((ch, i) => ch !== [...c.answer][i]);
    return [
      `changed (first difference at character ${at < 0 ? Math.min(seen.length, c.answer.length) : at})`,
    ];
  }
  const problems: string[] = [];
  if (!seen.includes(SPOILER_NOTICE.trim())) problems.push("no notice");
  for (const hidden of c.expect.hidden) if (seen.includes(hidden)) problems.push(`shows "${hidden.trim()}"`);
  for (const kept of c.expect.kept) if (!seen.includes(kept)) problems.push(`lost "${kept}"`);
  return problems;
}
