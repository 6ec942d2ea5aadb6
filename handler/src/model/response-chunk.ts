import { ModelBlockedError, ModelIncompleteError, type UpstreamError } from "../errors.js";
import { finishError } from "./finish-reason.js";

/** The part of a streamed GenerateContentResponse the handler reads. */
export interface ResponseChunk {
  candidates?: Array<{
    content?: { parts?: Array<{ text?: string; thought?: boolean }> };
    finishReason?: string;
  }>;
  promptFeedback?: { blockReason?: string };
  /** The model that answered; differs from the one asked for when Google routes a retired id. */
  modelVersion?: string;
}

/**
 * Text of one streamed chunk, read from the raw fields rather than the SDK's `text` helper (which logs
 * and skips thought parts and says nothing of the finish reason), and whether the answer ended here:
 * `finished` once a finish reason came, `failed` when that reason (or a blocked prompt) means the
 * answer is not complete (model/finish-reason.ts).
 */
export function chunkText(chunk: ResponseChunk): { text: string; finished: boolean; failed?: UpstreamError } {
  const blockReason = chunk.promptFeedback?.blockReason;
  if (blockReason) {
    return { text: "", finished: true, failed: new ModelBlockedError(`prompt blocked: ${blockReason}`) };
  }
  const candidate = chunk.candidates?.[0];
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => !part.thought)
    .map((part) => part.text ?? "")
    .join("");
  const reason = candidate?.finishReason;
  if (reason === undefined) return { text, finished: false };
  return { text, finished: true, failed: finishError(reason) };
}

/** A stream that ended without any finish reason was cut somewhere between Google and here. */
export function unfinishedError(): UpstreamError {
  return new ModelIncompleteError("no finish reason");
}
