/**
 * Reads the chatbot's SSE answer the way the browser's client reads it, for every tool that plays the
 * viewer (bench/, security/, the tests): `eventsource-parser` splits the events, as
 * frontend/src/lib/chatbotApi.ts does, and the client's own decoder (frontend/src/lib/sse-events.ts)
 * reads each one. Unlike the client, a reader never throws: an event the client would refuse stays in
 * `events`, uninterpreted, for the checks that look at it.
 *
 * @example
 * readChatStream('data: {"chunk":"Hi"}\n\ndata: [DONE]\n\n'); // { chunks: ["Hi"], done: true, ... }
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { type ChatEvent, decodeChatEvent } from "../../frontend/src/lib/sse-events.js";

export interface ChatStream {
  /** Every SSE event so far, in order (comments are not events). */
  events: EventSourceMessage[];
  /** The `chunk` texts, in order. */
  chunks: string[];
  /** Whether `data: [DONE]` arrived. */
  done: boolean;
  /** The code of the last `event: error`; `UNPARSEABLE` when its payload names none. */
  errorCode?: string;
}

export interface ChatStreamReader {
  /** Reads the next piece of the body (decoded text; an event may span pieces). */
  feed(text: string): void;
  readonly stream: ChatStream;
}

/** An incremental reader; `onChunk` hears each chunk as the piece that completes it is fed. */
export function chatStreamReader(onChunk?: (text: string) => void): ChatStreamReader {
  const stream: ChatStream = { events: [], chunks: [], done: false };
  const parser = createParser({
    onEvent(message) {
      stream.events.push(message);
      const event = decoded(message);
      if (event?.type === "chunk") {
        stream.chunks.push(event.text);
        onChunk?.(event.text);
      } else if (event?.type === "done") {
        stream.done = true;
      } else if (event?.type === "error") {
        stream.errorCode = event.code;
      } else if (message.event === "error") {
        stream.errorCode = "UNPARSEABLE";
      }
    },
  });
  return { feed: (text) => parser.feed(text), stream };
}

/** A whole body at once. */
export function readChatStream(body: string): ChatStream {
  const reader = chatStreamReader();
  reader.feed(body);
  return reader.stream;
}

function decoded(message: EventSourceMessage): ChatEvent | undefined {
  try {
    return decodeChatEvent(message);
  } catch {
    return undefined;
  }
}
