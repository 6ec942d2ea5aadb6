import type { HandlerConfig } from "../config.js";
import type { TextModel } from "./types.js";

export type { TextModel } from "./types.js";

/**
 * The adapter GEMINI_SDK names. Only that adapter's SDK is imported, and only when the first valid
 * request needs the model: neither SDK is loaded during Init, which shortens the cold start.
 */
export async function createTextModel(config: HandlerConfig, apiKey: string): Promise<TextModel> {
  const options = {
    apiKey,
    model: config.model,
    baseUrl: config.geminiBaseUrl,
    maxOutputTokens: config.maxOutputTokens,
  };
  if (config.sdk === "generative-ai") {
    const { createGenerativeAiModel } = await import("./generative-ai.js");
    return createGenerativeAiModel(options);
  }
  const { createGenaiModel } = await import("./genai.js");
  return createGenaiModel(options);
}
