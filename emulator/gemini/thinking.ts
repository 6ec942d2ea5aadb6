/**
 * How much a model thinks and how that meets `maxOutputTokens`, as the Gemini API behaves: Gemini 3.x takes
 * `thinkingConfig.thinkingLevel`, Gemini 2.5 `thinkingConfig.thinkingBudget`
 * (https://ai.google.dev/gemini-api/docs/thinking, read 2026-12-07), and the thought tokens come out of the
 * output cap before the answer does (googleapis/python-genai#782, googleapis/python-genai#811,
 * googleapis/python-genai#2062; measured on gemini-3.6-flash in vectorize-io/hindsight#3365: thoughts 478 +
 * answer 18 under a cap of 500, then MAX_TOKENS). The model each row describes:
 * emulator/common/lifecycle/gemini-models.ts.
 */
import type { GeminiModelFacts, ThinkingLevelName } from "../common/lifecycle/types.js";
import { type GoogleError, invalidArgument } from "./google-errors.js";
import type { Scenario } from "./scenarios.js";

/**
 * Thought tokens a model spends at each level on the stub's questions. Assumption: Google publishes no
 * counts; these grow with the level and sit near the one measurement found (gemini-3.6-flash at medium
 * thought past 1,232 tokens on a short translation, vectorize-io/hindsight#3365). `minimal` thinks
 * close to not at all (googleapis/js-genai#1667: no thoughts streamed at minimal).
 */
export const THOUGHTS_AT_LEVEL: Record<ThinkingLevelName, number> = {
  minimal: 0,
  low: 1024,
  medium: 3072,
  high: 8192,
};

/** Assumption: "dynamic" 2.5 thinking (budget -1 or none given) spends this much. Source: Google's 2.5 table gives "Auto (up to 8,192 tokens)". */
const DYNAMIC_THOUGHTS = 2048;

interface ThinkingConfigBody {
  thinkingLevel?: unknown;
  thinkingBudget?: unknown;
}

/** The thought tokens of a call, or Google's 400 for a thinking config this model does not take. */
export function thoughtsOf(
  facts: GeminiModelFacts,
  generationConfig: unknown,
  scenario: Scenario | null,
): { thoughts: number | undefined } | { error: GoogleError } {
  const config = ((generationConfig as { thinkingConfig?: unknown } | null)?.thinkingConfig ??
    {}) as ThinkingConfigBody;
  const level = typeof config.thinkingLevel === "string" ? config.thinkingLevel.toLowerCase() : undefined;
  const budget = typeof config.thinkingBudget === "number" ? config.thinkingBudget : undefined;
  const thinking = facts.thinking;
  if (level !== undefined && budget !== undefined) {
    // Assumption: the wording of this refusal. Source: the docs say the two cannot be combined (400).
    return { error: invalidArgument("thinking_budget and thinking_level cannot be set together.") };
  }
  if (level !== undefined) {
    // Recorded answers: microsoft/vscode#334581 (2.5 Pro, 2026-09-04), heyhuynhgiabuu/proxypal#170.
    if (thinking.kind !== "level")
      return { error: invalidArgument("Thinking level is not supported for this model.") };
    if (!(thinking.levels as string[]).includes(level)) {
      return {
        error: invalidArgument(`Thinking level ${level.toUpperCase()} is not supported for this model.`),
      };
    }
  }
  if (scenario?.name === "thinking") return { thoughts: scenario.thoughtsTokens ?? 1024 };
  if (thinking.kind === "none") return { thoughts: undefined };
  if (thinking.kind === "level") {
    return { thoughts: THOUGHTS_AT_LEVEL[(level as ThinkingLevelName | undefined) ?? thinking.defaultLevel] };
  }
  if (budget === 0 && thinking.canDisable) return { thoughts: 0 };
  if (budget === undefined) return { thoughts: thinking.thinksByDefault ? DYNAMIC_THOUGHTS : 0 };
  if (budget === -1) return { thoughts: DYNAMIC_THOUGHTS };
  return { thoughts: Math.min(Math.max(budget, thinking.min), thinking.max) };
}

/**
 * Thoughts first, then the answer, under one cap (the request's `maxOutputTokens`, else the model's
 * output limit). `thinking-cut` and `thinking-empty` make the thinking take all but `leaveTokens`
 * (default 16) or all of the cap, as a hard question at a high level does.
 */
export function splitCap(
  cap: number,
  thoughts: number | undefined,
  scenario: Scenario | null,
): { thoughts: number | undefined; answerTokens: number } {
  let spent = thoughts ?? 0;
  if (scenario?.name === "thinking-cut") spent = cap - Math.min(scenario.leaveTokens ?? 16, cap);
  if (scenario?.name === "thinking-empty") spent = cap;
  spent = Math.min(spent, cap);
  return { thoughts: thoughts === undefined && spent === 0 ? undefined : spent, answerTokens: cap - spent };
}
