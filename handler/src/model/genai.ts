import { GoogleGenAI } from "@google/genai";
import type { Prompt } from "../prompt.js";
import { mapModelError } from "./map-error.js";
import { chunkText } from "./response-chunk.js";
import type { ModelOptions, TextModel } from "./types.js";

/**
 * The model on `@google/genai`, the SDK Google supports (docs/lifecycle.md). `httpOptions.baseUrl` points it at a
 * local stub (aws-facts.md: it still appends `/v1beta`). No SDK retries: a call is bounded by the
 * handler's timeout and a 429 goes back to the client.
 */
export function createGenaiModel(options: ModelOptions): TextModel {
  const ai = new GoogleGenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
  });
  return {
    async *streamText(prompt: Prompt, signal: AbortSignal) {
      try {
        const stream = await ai.models.generateContentStream({
          model: options.model,
          contents: prompt.contents,
          config: {
            systemInstruction: prompt.systemInstruction,
            maxOutputTokens: options.maxOutputTokens,
            abortSignal: signal,
          },
        });
        for await (const chunk of stream) {
          const { text, blocked } = chunkText(chunk);
          if (text) yield text;
          if (blocked) throw blocked;
        }
      } catch (error) {
        throw mapModelError(error);
      }
    },
  };
}
