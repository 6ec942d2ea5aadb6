/**
 * The finish reasons a candidate may end with, as the Gemini API lists them (the `FinishReason` enum of
 * `@google/genai` 2.x, which finish-reasons.test.ts compares this list with). Kept here rather than read
 * from the SDK at run time: importing the SDK would load it and its Google auth, WebSocket and HTTP
 * client packages into the stack's process, about 10 MB of heap for one list of names; the SDK belongs
 * to the handler's containers.
 */
export const FINISH_REASONS: readonly string[] = [
  "FINISH_REASON_UNSPECIFIED",
  "STOP",
  "MAX_TOKENS",
  "SAFETY",
  "RECITATION",
  "LANGUAGE",
  "OTHER",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "MALFORMED_FUNCTION_CALL",
  "IMAGE_SAFETY",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "IMAGE_PROHIBITED_CONTENT",
  "NO_IMAGE",
  "IMAGE_RECITATION",
  "IMAGE_OTHER",
  "CONTINUATION",
];
