/**
 * The spoiler corpus (test-support/spoiler-corpus.ts): its shape here, and its honest cases against
 * the guard wherever the stream is cut (test-support/spoiler-corpus-cuts.ts). The adversarial cases
 * run in spoiler-corpus-adversarial.test.ts and spoiler-corpus-disguised.test.ts, so the parts run side by side.
 */
import { describe, expect, it } from "vitest";
import { SPOILER_CORPUS } from "./test-support/spoiler-corpus.js";
import { expectRightWhateverTheCuts } from "./test-support/spoiler-corpus-cuts.js";

describe("spoiler corpus", () => {
  it("has at least 60 honest and 60 adversarial cases, with unique ids", () => {
    expect(new Set(SPOILER_CORPUS.map((c) => c.id)).size).toBe(SPOILER_CORPUS.length);
    expect(SPOILER_CORPUS.filter((c) => c.expect.kind === "untouched").length).toBeGreaterThanOrEqual(60);
    expect(SPOILER_CORPUS.filter((c) => c.expect.kind === "withheld").length).toBeGreaterThanOrEqual(60);
  });

  for (const c of SPOILER_CORPUS.filter((c) => c.expect.kind === "untouched")) {
    it(`${c.id} ${c.name}: untouched, whatever the cuts`, () => {
      expectRightWhateverTheCuts(c);
    });
  }
});
