/**
 * The pinned SSE format (docs/interfaces.md#sse-stream). Exported so contract tests and the frontend's
 * tests can produce byte-identical frames. Every event ends with a blank line.
 */
import type { ErrorCode } from "./errors.js";

/** Response prelude headers for a stream (plus `x-request-id`, added per request). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
};

/** `data: {"chunk":"..."}` — one per text piece, in order. */
export function encodeChunk(text: string): string {
  return `data: ${JSON.stringify({ chunk: text })}\n\n`;
}

/** `data: [DONE]` — only after a complete answer. */
export function encodeDone(): string {
  return "data: [DONE]\n\n";
}

/** A failure after the stream started; the stream then ends without `[DONE]`. */
export function encodeError(error: { code: ErrorCode; message: string }): string {
  return `event: error\ndata: ${JSON.stringify({ error: { code: error.code, message: error.message } })}\n\n`;
}

const KEEP_ALIVE = ": keep-alive";

/**
 * A comment that keeps CloudFront's origin read timeout from firing while the model is silent. With
 * `padBytes` above its natural 14 bytes, the comment line is padded with spaces to exactly that many bytes,
 * so a runtime that holds small writes (aws/aws-lambda-nodejs-runtime-interface-client#94) still has to pass
 * it on.
 */
export function encodeKeepAlive(padBytes = 0): string {
  const pad = Math.max(0, padBytes - KEEP_ALIVE.length - 2);
  return `${KEEP_ALIVE}${" ".repeat(pad)}\n\n`;
}
