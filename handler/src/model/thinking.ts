import type { ThinkingConfig } from "@google/genai";
import { ThinkingLevel } from "@google/genai";
import type { ThinkingLevelSetting } from "../config.js";

/**
 * The thinking setting in the form the model's family takes (Gemini API "Thinking",
 * https://ai.google.dev/gemini-api/docs/thinking, read 2026-12-07): Gemini 3 and later take
 * `thinkingLevel`; Gemini 2.5 takes `thinkingBudget` in tokens and answers 400 "Thinking level is not
 * supported for this model." to a level (microsoft/vscode#334581, 2026-09-04); earlier models do not
 * think and get no thinking config at all.
 *
 * Thinking tokens are taken out of `maxOutputTokens` (googleapis/python-genai#782,
 * googleapis/python-genai#811, googleapis/python-genai#2062; measured on gemini-3.6-flash at medium in
 * vectorize-io/hindsight#3365: thoughts plus answer end on the cap with MAX_TOKENS), so the handler asks for
 * little thinking (MODEL_THINKING_LEVEL, default `low`: a hint needs reasoning about the user's code, not a
 * long search) and leaves room for the answer under the cap (MODEL_MAX_OUTPUT_TOKENS, default 8192).
 */
export function thinkingConfigFor(model: string, level: ThinkingLevelSetting): ThinkingConfig | undefined {
  const family = modelFamily(model);
  if (family === "level") return { thinkingLevel: LEVELS[level] };
  if (family === "budget") return { thinkingBudget: BUDGETS[level] };
  return undefined;
}

export function modelFamily(model: string): "level" | "budget" | "none" {
  const match = /^gemini-(\d+)(?:\.(\d+))?/.exec(model);
  if (!match) return "none";
  const major = Number(match[1]);
  if (major >= 3) return "level";
  return major === 2 && match[2] === "5" ? "budget" : "none";
}

const LEVELS: Record<ThinkingLevelSetting, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/**
 * Budgets standing in for the levels on 2.5 models. `minimal` is 512, the least every 2.5 model takes
 * (2.5 Pro cannot turn thinking off, minimum 128; 2.5 Flash-Lite takes 0 or 512 and up); the others
 * stay well under the 2.5 maxima (24,576 Flash, 32,768 Pro) and under the default output cap.
 */
const BUDGETS: Record<ThinkingLevelSetting, number> = {
  minimal: 512,
  low: 1024,
  medium: 4096,
  high: 8192,
};
