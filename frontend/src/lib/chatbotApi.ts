/**
 * The chatbot client: POSTs a question and streams the tutor's answer.
 *
 * Why `fetch` + an SSE parser and not `EventSource`: `EventSource` can only GET, cannot send a body
 * and cannot set headers, while this endpoint needs a POST with a JSON body, `Authorization` and
 * `x-amz-content-sha256` (docs/interfaces.md#the-request-path). So the response body is read as a
 * `ReadableStream` and fed to `eventsource-parser` (v3: v4 needs Node 22). Runs in browsers and Node 20.
 *
 * @example
 * const result = await streamChat(
 *   { problemDetails: { title, description }, userCode, history: [], query: "Why does this loop?" },
 *   { onChunk: (text) => render(text), signal: controller.signal },
 * );
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { getAuthHeaders as amplifyAuthHeaders } from "./auth-headers.js";
import type { ChatRequest, StreamChatOptions, StreamResult } from "./chat-types.js";
import {
  ChatbotConfigError,
  ChatbotNetworkError,
  ChatbotProtocolError,
  ChatbotStreamError,
  ConnectionLostError,
} from "./errors.js";
import { hashPayload } from "./hash-payload.js";
import { httpErrorFrom } from "./http-errors.js";
import { decodeChatEvent } from "./sse-events.js";

export { getAuthHeaders } from "./auth-headers.js";
export * from "./chat-types.js";
export * from "./errors.js";
export { hashPayload } from "./hash-payload.js";
export { type ChatEvent, decodeChatEvent } from "./sse-events.js";

/**
 * The configured endpoint. Written as the literal `process.env.NEXT_PUBLIC_...` so Next.js and
 * Vite `define` can inline it; the try/catch covers browsers where `process` does not exist.
 */
export function defaultEndpoint(): string | undefined {
  try {
    return process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT || undefined;
  } catch {
    return undefined;
  }
}

export async function streamChat(request: ChatRequest, options: StreamChatOptions): Promise<StreamResult> {
  const { signal, onChunk } = options;
  const endpoint = options.endpoint ?? defaultEndpoint();
  if (!endpoint) {
    throw new ChatbotConfigError(
      "No chatbot endpoint: set NEXT_PUBLIC_CHATBOT_API_ENDPOINT or pass endpoint",
    );
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  const authHeaders = await (options.getAuthHeaders ?? amplifyAuthHeaders)();
  // Hash the very string that is sent: the Function URL checks SigV4 against these bytes.
  const body = JSON.stringify(request);
  const headers = {
    ...authHeaders,
    "Content-Type": "application/json",
    Accept: "text/event-stream",
    "x-amz-content-sha256": await hashPayload(body),
  };

  if (signal?.aborted) return { text: "", outcome: "aborted", requestId: undefined };
  let response: Response;
  try {
    response = await doFetch(endpoint, { method: "POST", headers, body, signal, cache: "no-store" });
  } catch (error) {
    if (signal?.aborted) return { text: "", outcome: "aborted", requestId: undefined };
    throw new ChatbotNetworkError(`Could not reach the chatbot endpoint ${endpoint}: ${describe(error)}`, {
      cause: error,
    });
  }
  const requestId = response.headers.get("x-request-id") ?? undefined;
  if (!response.ok) throw await httpErrorFrom(response);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().includes("text/event-stream") || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw new ChatbotProtocolError(`Expected an event stream, got content-type "${contentType}"`);
  }
  return readStream(response.body, { onChunk, signal, requestId });
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  context: {
    onChunk: (text: string) => void;
    signal: AbortSignal | undefined;
    requestId: string | undefined;
  },
): Promise<StreamResult> {
  const { onChunk, signal, requestId } = context;
  const reader = body.getReader();
  // A custom fetch may not tie the body to the signal: cancelling the reader always stops the read.
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });

  const pending: EventSourceMessage[] = [];
  // Comments (`: keep-alive`) only keep CloudFront's origin read timeout from firing; nothing to do.
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (true) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        if (signal?.aborted) return { text, outcome: "aborted", requestId };
        throw new ConnectionLostError(`The connection was lost mid-answer: ${describe(error)}`, text, {
          cause: error,
        });
      }
      if (signal?.aborted) return { text, outcome: "aborted", requestId };
      if (read.done) break;
      // `stream: true` keeps a multi-byte character split across reads intact.
      parser.feed(decoder.decode(read.value, { stream: true }));
      while (pending.length > 0) {
        const event = decodeChatEvent(pending.shift() as EventSourceMessage);
        if (event.type === "chunk") {
          text += event.text;
          onChunk(event.text);
        } else if (event.type === "done") {
          return { text, outcome: "done", requestId };
        } else {
          throw new ChatbotStreamError(event.code, event.message, text);
        }
      }
    }
    // Per the SSE spec an event without its closing blank line at end of stream is discarded.
    throw new ConnectionLostError("The stream ended before the answer was complete", text);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Release the connection on every exit (done, error event, abort, failure): cancelling makes
    // fetch drop the socket instead of leaving the rest of the body unread.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
