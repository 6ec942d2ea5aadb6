/** The adversarial cases of the spoiler corpus against the guard, wherever the stream is cut. */
import { describe, it } from "vitest";
import { SPOILER_CORPUS } from "./test-support/spoiler-corpus.js";
import { expectRightWhateverTheCuts } from "./test-support/spoiler-corpus-cuts.js";

describe("spoiler corpus, adversarial", () => {
  for (const c of SPOILER_CORPUS.filter((c) => c.expect.kind === "withheld")) {
    it(`${c.id} ${c.name}: withheld, whatever the cuts`, () => {
      expectRightWhateverTheCuts(c);
    });
  }
});
