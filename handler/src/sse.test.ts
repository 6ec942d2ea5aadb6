import { createParser, type EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { encodeChunk, encodeDone, encodeError, encodeKeepAlive, SSE_HEADERS } from "./sse.js";

describe("SSE encoder (docs/interfaces.md, pinned format)", () => {
  it("produces the exact pinned frames", () => {
    expect(SSE_HEADERS).toEqual({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    });
    expect(encodeChunk("Hello")).toBe('data: {"chunk":"Hello"}\n\n');
    expect(encodeDone()).toBe("data: [DONE]\n\n");
    expect(encodeError({ code: "UPSTREAM_UNAVAILABLE", message: "..." })).toBe(
      'event: error\ndata: {"error":{"code":"UPSTREAM_UNAVAILABLE","message":"..."}}\n\n',
    );
    expect(encodeKeepAlive()).toBe(": keep-alive\n\n");
  });

  it("pads a keep-alive to the exact byte count on one comment line (aws/aws-lambda-nodejs-runtime-interface-client#94: small writes held)", () => {
    const padded = encodeKeepAlive(16_384);
    expect(Buffer.byteLength(padded)).toBe(16_384);
    expect(padded).toMatch(/^: keep-alive {16370}\n\n$/);
    expect(encodeKeepAlive(10)).toBe(": keep-alive\n\n");
    const events: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e) });
    parser.feed(padded + encodeDone());
    expect(events.map((e) => e.data)).toEqual(["[DONE]"]);
  });

  it("keeps newlines and quotes inside one data line, as a real SSE parser reads them back", () => {
    const events: EventSourceMessage[] = [];
    const parser = createParser({ onEvent: (e) => events.push(e) });
    const text = 'line 1\n\nline "2"\r\n: not a comment';
    parser.feed(
      encodeKeepAlive() + encodeChunk(text) + encodeError({ code: "INTERNAL", message: "x" }) + encodeDone(),
    );
    expect(events.map((e) => e.event)).toEqual([undefined, "error", undefined]);
    expect(JSON.parse(events[0]?.data ?? "").chunk).toBe(text);
    expect(events[2]?.data).toBe("[DONE]");
  });
});
