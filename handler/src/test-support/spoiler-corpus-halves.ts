/**
 * The adversarial cases of the spoiler corpus in two halves of about equal cost, one per test file
 * (spoiler-corpus-adversarial.test.ts, spoiler-corpus-disguised.test.ts), so the cut sweeps run side by
 * side on two workers instead of one long file. Every withheld case is in exactly one half: the
 * disguised half is the disguised and Unicode groups, the other half everything else.
 */
import { SPOILER_CORPUS, type SpoilerCase } from "./spoiler-corpus.js";
import { ADVERSARIAL_DISGUISED } from "./spoiler-corpus-disguised.js";
import { ADVERSARIAL_UNICODE } from "./spoiler-corpus-unicode.js";

const DISGUISED_IDS = new Set([...ADVERSARIAL_DISGUISED, ...ADVERSARIAL_UNICODE].map((c) => c.id));
const withheld = SPOILER_CORPUS.filter((c) => c.expect.kind === "withheld");

export const adversarialHalf = (half: "disguised" | "other"): SpoilerCase[] =>
  withheld.filter((c) => DISGUISED_IDS.has(c.id) === (half === "disguised"));
