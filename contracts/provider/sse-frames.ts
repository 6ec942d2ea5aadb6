/**
 * Reads the SSE frames an encoder produced back into `{event, data}`, with the same parser library
 * the client uses, so a message provider returns exactly what a client would see in `data`.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

export function parseFrames(text: string): EventSourceMessage[] {
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => messages.push(message) });
  parser.feed(text);
  return messages;
}

/** The JSON payload of a single-event frame, checked to be of the expected SSE event type. */
export function payloadOf(frame: string, expectedEvent: "message" | "error"): unknown {
  const messages = parseFrames(frame);
  const [message] = messages;
  if (messages.length !== 1 || !message) throw new Error(`Expected one SSE event, got ${messages.length}`);
  const event = message.event ?? "message";
  if (event !== expectedEvent) throw new Error(`Expected an SSE "${expectedEvent}" event, got "${event}"`);
  return JSON.parse(message.data);
}
