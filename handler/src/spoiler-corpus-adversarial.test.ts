/**
 * The adversarial cases of the spoiler corpus against the guard, wherever the stream is cut: all but
 * the disguised and Unicode ones, which run in spoiler-corpus-disguised.test.ts beside this file.
 */
import { describe, it } from "vitest";
import { expectRightWhateverTheCuts } from "./test-support/spoiler-corpus-cuts.js";
import { adversarialHalf } from "./test-support/spoiler-corpus-halves.js";

describe("spoiler corpus, adversarial", () => {
  for (const c of adversarialHalf("other")) {
    it(`${c.id} ${c.name}: withheld, whatever the cuts`, () => {
      expectRightWhateverTheCuts(c);
    });
  }
});
