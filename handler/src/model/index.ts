import type { HandlerConfig } from "../config.js";
import { createGenaiModel } from "./genai.js";
import { createGenerativeAiModel } from "./generative-ai.js";
import type { TextModel } from "./types.js";

export type { TextModel } from "./types.js";

/** The adapter GEMINI_SDK names. */
export function createTextModel(config: HandlerConfig, apiKey: string): TextModel {
  const options = { apiKey, model: config.model, baseUrl: config.geminiBaseUrl };
  return config.sdk === "generative-ai" ? createGenerativeAiModel(options) : createGenaiModel(options);
}
