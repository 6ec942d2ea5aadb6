import { describe, expect, it } from "vitest";
import { ChatbotProtocolError } from "./errors.js";
import { decodeChatEvent } from "./sse-events.js";

describe("decodeChatEvent (pinned SSE payloads, docs/interfaces.md)", () => {
  it("decodes a chunk", () => {
    expect(decodeChatEvent({ data: '{"chunk":"Hello"}' })).toEqual({ type: "chunk", text: "Hello" });
  });

  it("treats an explicit `message` event like an unnamed one", () => {
    expect(decodeChatEvent({ event: "message", data: '{"chunk":""}' })).toEqual({ type: "chunk", text: "" });
  });

  it("decodes [DONE]", () => {
    expect(decodeChatEvent({ data: "[DONE]" })).toEqual({ type: "done" });
  });

  it("decodes an error event", () => {
    const data = '{"error":{"code":"UPSTREAM_UNAVAILABLE","message":"The tutor is unavailable"}}';
    expect(decodeChatEvent({ event: "error", data })).toEqual({
      type: "error",
      code: "UPSTREAM_UNAVAILABLE",
      message: "The tutor is unavailable",
    });
  });

  it("rejects data that is not JSON", () => {
    expect(() => decodeChatEvent({ data: "hello" })).toThrow(
      new ChatbotProtocolError("SSE data is not JSON: hello"),
    );
  });

  it("rejects JSON without a string chunk", () => {
    expect(() => decodeChatEvent({ data: '{"chunk":1}' })).toThrow(
      new ChatbotProtocolError('SSE data is not a chunk event: {"chunk":1}'),
    );
  });

  it("rejects an error event without a code", () => {
    expect(() => decodeChatEvent({ event: "error", data: '{"error":{}}' })).toThrow(
      new ChatbotProtocolError('SSE error event has no error code: {"error":{}}'),
    );
  });

  it("rejects an unknown event type", () => {
    expect(() => decodeChatEvent({ event: "ping", data: "{}" })).toThrow(
      new ChatbotProtocolError("Unexpected SSE event type: ping"),
    );
  });
});
