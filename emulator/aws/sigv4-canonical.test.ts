import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalQuery, canonicalUri, EMPTY_BODY_SHA256, queryPairs } from "./sigv4-canonical.js";

describe("SigV4 canonicalisation edge cases (bad input never throws)", () => {
  it("encodes a lone surrogate as U+FFFD instead of throwing", () => {
    expect(canonicalUri("/a\uD800b")).toBe("/a%EF%BF%BDb");
  });

  it("keeps invalid percent-encoding literal (re-encoded as %25) and '+' as a plus (RFC 3986, not forms)", () => {
    expect(canonicalQuery("a=%ZZ&b=x+y")).toBe("a=%25ZZ&b=x%2By");
  });
});

describe("query decoding shared by the verifier and the OAC signer", () => {
  it("decodes pairs in order, keeps repeats, '+' literal, bad percent-encoding literal, bare names empty", () => {
    expect(queryPairs("b=2&a=x%20y&&a=1+1&c&%ZZ=%E2%82%AC")).toEqual([
      ["b", "2"],
      ["a", "x y"],
      ["a", "1+1"],
      ["c", ""],
      ["%ZZ", "\u20ac"],
    ]);
  });

  it("the empty-body hash is the SHA-256 of no bytes", () => {
    expect(EMPTY_BODY_SHA256).toBe(createHash("sha256").update(Buffer.alloc(0)).digest("hex"));
  });
});
