import { ModelBlockedError, ModelOutputLimitError, type UpstreamError } from "../errors.js";
import { BLOCKED_FINISH_REASONS } from "./types.js";

/** The part of a streamed GenerateContentResponse both SDKs expose in the same shape. */
export interface ResponseChunk {
  candidates?: Array<{
    content?: { parts?: Array<{ text?: string; thought?: boolean }> };
    finishReason?: string;
  }>;
  promptFeedback?: { blockReason?: string };
  /** An error sent inside the stream: `data: {"error":{"code","message","status"}}` (aws-facts.md). */
  error?: { code?: unknown; message?: unknown; status?: unknown };
}

/**
 * An error frame read from a stream, carrying its code as `status` like both SDKs' HTTP errors, so
 * `mapModelError` maps it the same way. `@google/genai` throws its own ApiError for such a frame
 * (`throwIfStreamErrorChunk`); `@google/generative-ai` 0.24.1 yields it as a chunk with no text and
 * ends the stream as if the answer were complete, so the adapter must raise it itself.
 */
export class StreamErrorChunk extends Error {
  override name = "StreamErrorChunk";
  constructor(readonly status: number | undefined) {
    super(`The model sent an error inside the stream (status ${status ?? "unknown"}).`);
  }
}

/**
 * Text of one streamed chunk, read from the raw fields rather than the SDKs' `text` helpers: the old
 * SDK throws from `.text()` on SAFETY while the new one does not (aws-facts.md, "Safety"), so reading
 * the fields ourselves makes both adapters raise the same ModelBlockedError. An answer cut at
 * `maxOutputTokens` (MAX_TOKENS) is not complete either: ModelOutputLimitError after its text.
 */
export function chunkText(chunk: ResponseChunk): { text: string; blocked?: UpstreamError } {
  if (chunk.error && typeof chunk.error === "object") {
    const code = chunk.error.code;
    throw new StreamErrorChunk(typeof code === "number" ? code : undefined);
  }
  const blockReason = chunk.promptFeedback?.blockReason;
  if (blockReason) return { text: "", blocked: new ModelBlockedError(`prompt blocked: ${blockReason}`) };
  const candidate = chunk.candidates?.[0];
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => !part.thought)
    .map((part) => part.text ?? "")
    .join("");
  const reason = candidate?.finishReason;
  if (reason === "MAX_TOKENS") return { text, blocked: new ModelOutputLimitError() };
  return reason && BLOCKED_FINISH_REASONS.has(reason)
    ? { text, blocked: new ModelBlockedError(reason) }
    : { text };
}
