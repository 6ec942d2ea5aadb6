/**
 * GenerateContentResponse objects and their wire encodings (docs/platform-facts.md#gemini-wire-format):
 * SSE frames are `data: <one-line JSON>\r\n\r\n` with no comments and no `event:` field (the retired
 * `@google/generative-ai` SDK failed on those, other clients may too); every candidate carries
 * `role: "model"` (without it that SDK filed the reply under `user`); the last frame has a
 * `finishReason` (`STOP` for a whole answer).
 */

export interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  /** Thinking models (2.5 and later) only, when they thought; not part of `candidatesTokenCount`, part of the total. */
  thoughtsTokenCount?: number;
  promptTokensDetails?: { modality: "TEXT"; tokenCount: number }[];
}

export interface SafetyRating {
  category: string;
  probability: string;
  blocked?: boolean;
}

export type GenerateContentResponse = Record<string, unknown>;

/** Assumption: about four characters per token, as Google's docs suggest for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Splits text into pieces of `size` code points (never inside a surrogate pair). */
export function splitPieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
  return pieces.length > 0 ? pieces : [""];
}

/** Splits text into exactly `count` pieces (fewer only if the text is shorter than `count`). */
export function splitIntoCount(text: string, count: number): string[] {
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(count, chars.length));
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    pieces.push(
      chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(""),
    );
  }
  return pieces;
}

export interface FrameContext {
  modelVersion: string;
  responseId: string;
  promptTokens: number;
  /** Whether the model thinks at all (2.5 and later): its usage carries `promptTokensDetails`. */
  thinkingModel: boolean;
  /** Thought tokens spent (thinking.ts), taken out of the cap before the answer; reported as `thoughtsTokenCount`. */
  thoughtsTokens?: number;
  /** What the cap leaves for the answer once the thoughts are paid (thinking.ts `splitCap`). */
  answerTokens: number;
}

/**
 * The reply as the model would end it with `answerTokens` left under the cap once its thoughts are paid
 * (thinking.ts): cut there with `finishReason: "MAX_TOKENS"` (Gemini API `FinishReason`), using the same
 * four-characters-per-token estimate as the usage counts. Nothing left means an empty answer.
 */
export function capReply(text: string, answerTokens: number): { text: string; finishReason: string } {
  if (estimateTokens(text) <= answerTokens) return { text, finishReason: "STOP" };
  return {
    text: Array.from(text)
      .slice(0, answerTokens * 4)
      .join(""),
    finishReason: "MAX_TOKENS",
  };
}

/**
 * `usageMetadata` as 2.5 models send it: thought tokens counted apart from the candidates and included
 * in the total, prompt details by modality (googleapis/js-genai `GenerateContentResponseUsageMetadata`).
 */
function usage(ctx: FrameContext, candidateText?: string): UsageMetadata {
  const thoughts = ctx.thoughtsTokens;
  const candidates = candidateText === undefined ? undefined : estimateTokens(candidateText);
  // Field order as Google sends it.
  const out: UsageMetadata = { promptTokenCount: ctx.promptTokens } as UsageMetadata;
  if (candidates !== undefined) out.candidatesTokenCount = candidates;
  out.totalTokenCount = ctx.promptTokens + (candidates ?? 0) + (thoughts ?? 0);
  if (ctx.thinkingModel) out.promptTokensDetails = [{ modality: "TEXT", tokenCount: ctx.promptTokens }];
  if (thoughts) out.thoughtsTokenCount = thoughts;
  return out;
}

/**
 * One text chunk. `fullText` is given on the final chunk only: it gets the finish reason (`STOP`
 * unless given) and the complete usage, as Google's last frame does.
 */
export function textChunk(
  ctx: FrameContext,
  text: string,
  fullText?: string,
  finishReason = "STOP",
): GenerateContentResponse {
  // Assumption: an answer the thinking left no room for ends in a candidate without parts. Source:
  // stanford-crfm/helm#3804 ("No content parts in candidate" at MAX_TOKENS during thinking).
  const content = text === "" && fullText === "" ? { role: "model" } : { parts: [{ text }], role: "model" };
  const candidate: Record<string, unknown> = { content };
  if (fullText !== undefined) candidate.finishReason = finishReason;
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: usage(ctx, fullText),
    modelVersion: ctx.modelVersion,
    responseId: ctx.responseId,
  };
}

const SAFETY_RATINGS: SafetyRating[] = [
  { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
];

/** The candidate was stopped by the safety filter: no content, `finishReason: "SAFETY"`, ratings. */
export function safetyChunk(ctx: FrameContext, textSoFar: string): GenerateContentResponse {
  return {
    candidates: [{ finishReason: "SAFETY", index: 0, safetyRatings: SAFETY_RATINGS }],
    usageMetadata: usage(ctx, textSoFar),
    modelVersion: ctx.modelVersion,
    responseId: ctx.responseId,
  };
}

/** The prompt itself was blocked: `promptFeedback.blockReason`, no candidates. */
export function promptBlocked(ctx: FrameContext): GenerateContentResponse {
  return {
    promptFeedback: { blockReason: "SAFETY", safetyRatings: SAFETY_RATINGS },
    usageMetadata: usage(ctx),
    modelVersion: ctx.modelVersion,
    responseId: ctx.responseId,
  };
}

/** The whole reply in one response, as `:generateContent` returns it. */
export function wholeResponse(ctx: FrameContext, text: string): GenerateContentResponse {
  const capped = capReply(text, ctx.answerTokens);
  return textChunk(ctx, capped.text, capped.text, capped.finishReason);
}

export function sseFrame(response: GenerateContentResponse): string {
  return `data: ${JSON.stringify(response)}\r\n\r\n`;
}

/**
 * Without `alt=sse` the API streams one JSON array, element by element. Assumption: pretty-printed
 * elements, `[` before the first, `\n,\r\n` between them. Source: recorded curl output, not documented.
 */
export function jsonArrayPart(response: GenerateContentResponse, first: boolean): string {
  return `${first ? "[" : "\n,\r\n"}${JSON.stringify(response, null, 2)}`;
}

export const JSON_ARRAY_END = "]";
