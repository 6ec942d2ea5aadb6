/** The request body: content type, size limit, JSON, validation and base64 decoding. */
import { describe, expect, it } from "vitest";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { chatEvent, invoke } from "./test-support/harness.js";

const h = appHarnessForFile();

describe("body", () => {
  it("415 UNSUPPORTED_MEDIA_TYPE for another content type", async () => {
    const event = chatEvent(h.idp.mint(), "query=x", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const result = await invoke(h.build(), event);
    expectError(result, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json.");
  });

  it("413 PAYLOAD_TOO_LARGE over 256 KiB", async () => {
    const result = await invoke(
      h.build(),
      chatEvent(h.idp.mint(), { query: "x", pad: "y".repeat(256 * 1024) }),
    );
    expectError(result, 413, "PAYLOAD_TOO_LARGE", /^The body is \d+ bytes; the limit is 262144\.$/);
  });

  it("400 INVALID_JSON for a body that is not JSON", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), "{nope"));
    expectError(result, 400, "INVALID_JSON", "The body is not valid JSON.");
  });

  it("400 INVALID_REQUEST naming the field", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), { query: "" }));
    expectError(result, 400, "INVALID_REQUEST", "query: must not be empty");
    expect(h.stub.requests).toHaveLength(0);
  });

  // Built as text: building the value itself would overflow the stack.
  it.each([
    ["objects", 10_000, (d: number) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`],
    ["arrays", 10_000, (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`],
    ["arrays", 100_000, (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`],
  ])(
    "400 INVALID_REQUEST for problemDetails nested %s %i levels deep, with no stack trace logged",
    async (_, depth, nest) => {
      const body = `{"query":"q","problemDetails":{"title":"t","description":"d","examples":${nest(depth)}}}`;
      const result = await invoke(h.build(), chatEvent(h.idp.mint(), body));
      expectError(
        result,
        400,
        "INVALID_REQUEST",
        "problemDetails.examples: must not nest deeper than 32 levels",
      );
      expect(h.stub.requests).toHaveLength(0);
      expect(h.logs.join("\n")).not.toMatch(/exception|RangeError|stack/i);
    },
  );

  it("decodes a base64 body (isBase64Encoded)", async () => {
    const event = chatEvent(h.idp.mint());
    event.body = Buffer.from(JSON.stringify({ query: "base64 works?" })).toString("base64");
    event.isBase64Encoded = true;
    const result = await invoke(h.build(), event);
    expect(result.statusCode).toBe(200);
    expect(h.stub.requests[0]?.body.contents?.at(-1)?.parts[0]?.text).toBe("base64 works?");
  });
});
