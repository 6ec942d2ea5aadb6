import type { Prompt } from "../prompt.js";

/**
 * The one interface the handler needs from a model: a stream of text pieces, cancellable with an
 * AbortSignal. The model throws HandlerErrors (see map-error.ts).
 */
export interface TextModel {
  streamText(prompt: Prompt, signal: AbortSignal): AsyncIterable<string>;
}

export interface ModelOptions {
  apiKey: string;
  model: string;
  /** Local only: the Gemini stub; the SDK still appends `/v1beta/models/...` (aws-facts.md). */
  baseUrl?: string;
  /** `generationConfig.maxOutputTokens`: the most a call can cost, also when nobody reads the answer. */
  maxOutputTokens: number;
}

/** Finish reasons meaning "the answer was withheld" (Gemini API `FinishReason`). */
export const BLOCKED_FINISH_REASONS: ReadonlySet<string> = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
]);
