/**
 * The whole SSE body of a complete answer as one regular expression (pinned: docs/interfaces.md#sse-stream):
 * optional keep-alive comments, one or more `data: {"chunk":"..."}` events, then `data: [DONE]`, every event
 * ending with a blank line.
 *
 * Anchored with ^ and $ because the Pact core uses Rust's `regex`, whose matches are unanchored: an
 * unanchored pattern would pass a body that merely contains one good event.
 */

/** A JSON string literal: any character but `"` and `\`, or a backslash escape. */
const JSON_STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const COMMENT = String.raw`:[^\n]*\n\n`;
const CHUNK_EVENT = String.raw`data: \{"chunk":${JSON_STRING}\}\n\n`;
const DONE_EVENT = String.raw`data: \[DONE\]\n\n`;

export const SSE_ANSWER_REGEX = `^(?:${COMMENT})*(?:${CHUNK_EVENT}(?:${COMMENT})*)+${DONE_EVENT}$`;

/** `text/event-stream` with optional parameters (the handler adds `; charset=utf-8`). */
export const EVENT_STREAM_CONTENT_TYPE_REGEX = String.raw`^text/event-stream(?:\s*;.*)?$`;
export const JSON_CONTENT_TYPE_REGEX = String.raw`^application/json(?:\s*;.*)?$`;
