/** hashPayload: the SHA-256 the client sends in x-amz-content-sha256. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPayload } from "./chatbotApi.js";

describe("hashPayload", () => {
  it("matches the SHA-256 known vectors for the empty string and 'abc' (FIPS 180-2)", async () => {
    expect(await hashPayload("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(await hashPayload("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the UTF-8 bytes, as node:crypto does", async () => {
    const text = "naïve — 日本語 🚀";
    expect(await hashPayload(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});
