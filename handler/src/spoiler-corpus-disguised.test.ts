/**
 * The disguised and Unicode adversarial cases of the spoiler corpus against the guard, wherever the
 * stream is cut (the other adversarial cases run in spoiler-corpus-adversarial.test.ts beside this file).
 */
import { describe, it } from "vitest";
import { expectRightWhateverTheCuts } from "./test-support/spoiler-corpus-cuts.js";
import { adversarialHalf } from "./test-support/spoiler-corpus-halves.js";

describe("spoiler corpus, adversarial: disguised and Unicode", () => {
  for (const c of adversarialHalf("disguised")) {
    it(`${c.id} ${c.name}: withheld, whatever the cuts`, () => {
      expectRightWhateverTheCuts(c);
    });
  }
});
