import type { ThinkingLevelSetting } from "../config.js";
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
  /**
   * Local only: the Gemini stub; the SDK still appends `/v1beta/models/...`
   * (docs/platform-facts.md#gemini-wire-format).
   */
  baseUrl?: string;
  /**
   * `generationConfig.maxOutputTokens`: the most a call can cost, also when nobody reads the answer.
   * Thinking tokens count against it (model/thinking.ts).
   */
  maxOutputTokens: number;
  /** How hard the model thinks, given to it in its family's form (model/thinking.ts). */
  thinkingLevel: ThinkingLevelSetting;
  /** Told when an answer comes from another model than the one asked for (Google routes retired ids). */
  onRouted?: (asked: string, answeredBy: string) => void;
}
