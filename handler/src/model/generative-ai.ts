import { GoogleGenerativeAI } from "@google/generative-ai";
import type { Prompt } from "../prompt.js";
import { mapModelError } from "./map-error.js";
import { chunkText } from "./response-chunk.js";
import type { ModelOptions, TextModel } from "./types.js";

/**
 * Adapter for `@google/generative-ai` 0.24.1, the SDK the design card names (end of support
 * 2025-08-31; shared design point 8). `{ baseUrl }` request option for a local stub (aws-facts.md).
 */
export function createGenerativeAiModel(options: ModelOptions): TextModel {
  const client = new GoogleGenerativeAI(options.apiKey);
  return {
    async *streamText(prompt: Prompt, signal: AbortSignal) {
      try {
        const model = client.getGenerativeModel(
          {
            model: options.model,
            systemInstruction: prompt.systemInstruction,
            generationConfig: { maxOutputTokens: options.maxOutputTokens },
          },
          options.baseUrl ? { baseUrl: options.baseUrl } : undefined,
        );
        // aws-facts.md: this SDK mutates the contents it is given; it gets a copy.
        const result = await model.generateContentStream(
          { contents: structuredClone(prompt.contents) },
          { signal },
        );
        // The aggregated `response` rejects too when the stream fails; nobody awaits it here.
        result.response.catch(() => undefined);
        for await (const chunk of result.stream) {
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
