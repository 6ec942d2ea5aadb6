/**
 * Decodes one SSE message of the chatbot stream (pinned: docs/interfaces.md#sse-stream) into a
 * typed event. Pure: no I/O, so the message contract test uses it as the consumer of the payloads.
 *
 * @example
 * decodeChatEvent({ data: '{"chunk":"Hi"}' }); // { type: "chunk", text: "Hi" }
 * decodeChatEvent({ data: "[DONE]" });         // { type: "done" }
 */
import { ChatbotProtocolError } from "./errors.js";

export type ChatEvent =
  | { type: "chunk"; text: string }
  | { type: "done" }
  | { type: "error"; code: string; message: string };

/** The parts of an SSE message this decoder reads (an `eventsource-parser` message fits). */
export interface SseMessage {
  event?: string | undefined;
  data: string;
}

export const DONE_SENTINEL = "[DONE]";

export function decodeChatEvent(message: SseMessage): ChatEvent {
  const eventType = message.event ?? "message";
  if (eventType === "error") return decodeErrorEvent(message.data);
  if (eventType !== "message") {
    throw new ChatbotProtocolError(`Unexpected SSE event type: ${eventType}`);
  }
  if (message.data === DONE_SENTINEL) return { type: "done" };
  const payload = parseJson(message.data);
  if (isRecord(payload) && typeof payload.chunk === "string") return { type: "chunk", text: payload.chunk };
  throw new ChatbotProtocolError(`SSE data is not a chunk event: ${truncate(message.data)}`);
}

function decodeErrorEvent(data: string): ChatEvent {
  const payload = parseJson(data);
  const error = isRecord(payload) ? payload.error : undefined;
  if (isRecord(error) && typeof error.code === "string") {
    const message = typeof error.message === "string" ? error.message : error.code;
    return { type: "error", code: error.code, message };
  }
  throw new ChatbotProtocolError(`SSE error event has no error code: ${truncate(data)}`);
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ChatbotProtocolError(`SSE data is not JSON: ${truncate(data)}`);
  }
}

// A copy of emulator/common/is-record.ts kept on purpose: the frontend imports nothing from the emulator
// (TESTING.md, "copies kept on purpose").
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
