import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { bearer, viewerHeaders, viewerRequest } from "./viewer-request.js";

// The expected hash comes from node:crypto directly, not from the helper under test.
const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

it("a chat request: the JSON text, the hash of those exact bytes, and the pinned viewer headers", () => {
  const chat = viewerRequest({ query: "wärum?" }, "id.token.here");
  expect(chat.body).toBe('{"query":"wärum?"}');
  expect(chat.bodySha256).toBe(sha256(Buffer.from(chat.body, "utf8")));
  expect(chat.headers).toEqual({
    "content-type": "application/json",
    authorization: "Bearer id.token.here",
    "x-amz-content-sha256": chat.bodySha256,
  });
});

it("no token, no Authorization header (an attack on a missing token sends none)", () => {
  expect(bearer(undefined)).toBeUndefined();
  expect(bearer("")).toBeUndefined();
  expect(viewerRequest({}).headers).not.toHaveProperty("authorization");
  expect(Object.keys(viewerHeaders("{}"))).toEqual(["content-type", "x-amz-content-sha256"]);
});

it("sends any Authorization value as given, and hashes raw bytes as they are", () => {
  const bytes = Buffer.from([0xff, 0x00, 0x7b]);
  expect(viewerHeaders(bytes, "Basic Zm9vOmJhcg==")).toEqual({
    "content-type": "application/json",
    authorization: "Basic Zm9vOmJhcg==",
    "x-amz-content-sha256": sha256(bytes),
  });
  expect(viewerHeaders("{}", "")).toHaveProperty("authorization", "");
});
