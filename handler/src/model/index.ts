import type { HandlerConfig } from "../config.js";
import type { TextModel } from "./types.js";

export type { TextModel } from "./types.js";

/**
 * The model, on `@google/genai`. The SDK is imported only when the first valid request needs the model,
 * not during Init, which shortens the cold start.
 */
export async function createTextModel(
  config: HandlerConfig,
  apiKey: string,
  onRouted?: (asked: string, answeredBy: string) => void,
): Promise<TextModel> {
  const { createGenaiModel } = await import("./genai.js");
  return createGenaiModel({
    apiKey,
    model: config.model,
    baseUrl: config.geminiBaseUrl,
    maxOutputTokens: config.maxOutputTokens,
    thinkingLevel: config.thinkingLevel,
    onRouted,
  });
}
