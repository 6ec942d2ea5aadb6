/**
 * Reads the SSE frames an encoder produced back into `{event, data}`, with the tools' reader of the
 * chatbot stream (the client's parser library), so a message provider returns exactly what a client
 * would see in `data`.
 */
import { readChatStream } from "../../emulator/stack/chat-stream.js";

/** The JSON payload of a single-event frame, checked to be of the expected SSE event type. */
export function payloadOf(frame: string, expectedEvent: "message" | "error"): unknown {
  const messages = readChatStream(frame).events;
  const [message] = messages;
  if (messages.length !== 1 || !message) throw new Error(`Expected one SSE event, got ${messages.length}`);
  const event = message.event ?? "message";
  if (event !== expectedEvent) throw new Error(`Expected an SSE "${expectedEvent}" event, got "${event}"`);
  return JSON.parse(message.data);
}
