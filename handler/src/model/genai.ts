import { GoogleGenAI } from "@google/genai";
import type { Prompt } from "../prompt.js";
import { mapModelError } from "./map-error.js";
import { chunkText, unfinishedError } from "./response-chunk.js";
import { thinkingConfigFor } from "./thinking.js";
import type { ModelOptions, TextModel } from "./types.js";

/**
 * The model on `@google/genai`, the SDK Google supports (docs/lifecycle.md). `httpOptions.baseUrl` points it
 * at a local stub (it still appends `/v1beta`: docs/platform-facts.md#gemini-wire-format). No SDK retries: a
 * call is bounded by the handler's timeout and a 429 goes back to the client. The answer is complete only
 * when the model says STOP (model/finish-reason.ts); a stream that ends with no finish reason is not.
 */
export function createGenaiModel(options: ModelOptions): TextModel {
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
  });
  const thinkingConfig = thinkingConfigFor(options.model, options.thinkingLevel);
  return {
    async *streamText(prompt: Prompt, signal: AbortSignal) {
      try {
        const stream = await ai.models.generateContentStream({
          model: options.model,
          contents: prompt.contents,
          config: {
            systemInstruction: prompt.systemInstruction,
            maxOutputTokens: options.maxOutputTokens,
            ...(thinkingConfig ? { thinkingConfig } : {}),
            abortSignal: signal,
          },
        });
        let finished = false;
        let routedSeen = false;
        for await (const chunk of stream) {
          if (!routedSeen && chunk.modelVersion && !chunk.modelVersion.startsWith(options.model)) {
            routedSeen = true;
            options.onRouted?.(options.model, chunk.modelVersion);
          }
          const piece = chunkText(chunk);
          if (piece.text) yield piece.text;
          if (piece.failed) throw piece.failed;
          finished ||= piece.finished;
        }
        if (!finished) throw unfinishedError();
      } catch (error) {
        throw mapModelError(error);
      }
    },
  };
}
