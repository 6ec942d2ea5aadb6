/**
 * What each `finishReason` of the Gemini API means for the viewer (the values of `@google/genai`'s
 * `FinishReason`, read in 2.32.0, and the API reference's `Candidate.FinishReason`). Only `STOP` is a
 * complete answer and ends with `[DONE]`; every other reason ends the stream with the pinned error, so
 * a viewer never takes a cut, withheld or unknown answer for a whole one. Reasons and the choice of
 * each: handler/README.md, "When the model stops".
 */
import {
  ModelBlockedError,
  ModelIncompleteError,
  ModelOutputLimitError,
  type UpstreamError,
} from "../errors.js";

export type FinishOutcome =
  /** The model reached its natural end: the only complete answer. */
  | "complete"
  /** Generation ran out of tokens (thinking counts against the cap): the text so far is a fragment. */
  | "cut"
  /** A filter withheld the rest (or all) of the answer. */
  | "withheld"
  /** Not a text answer at all: tool or image generation states the handler never asks for. */
  | "not-an-answer"
  /** Google gives no reason. */
  | "unknown";

export const FINISH_OUTCOMES: Readonly<Record<string, FinishOutcome>> = {
  STOP: "complete",
  MAX_TOKENS: "cut",
  // The per-request token limit was reached and generation could go on with a continuation token,
  // which the handler does not ask for: the answer is as cut as at MAX_TOKENS.
  CONTINUATION: "cut",
  SAFETY: "withheld",
  RECITATION: "withheld",
  LANGUAGE: "withheld",
  BLOCKLIST: "withheld",
  PROHIBITED_CONTENT: "withheld",
  SPII: "withheld",
  MALFORMED_FUNCTION_CALL: "not-an-answer",
  UNEXPECTED_TOOL_CALL: "not-an-answer",
  TOO_MANY_TOOL_CALLS: "not-an-answer",
  IMAGE_SAFETY: "not-an-answer",
  IMAGE_PROHIBITED_CONTENT: "not-an-answer",
  IMAGE_RECITATION: "not-an-answer",
  IMAGE_OTHER: "not-an-answer",
  NO_IMAGE: "not-an-answer",
  OTHER: "unknown",
  FINISH_REASON_UNSPECIFIED: "unknown",
};

/**
 * The error a finish reason ends the answer with, or undefined for `STOP`. A reason this table does not
 * know (one Google adds later) is treated as not complete: failing closed costs one retry, passing it
 * as complete would show a fragment as an answer.
 */
export function finishError(reason: string): UpstreamError | undefined {
  switch (FINISH_OUTCOMES[reason] ?? "unknown") {
    case "complete":
      return undefined;
    case "cut":
      return new ModelOutputLimitError();
    case "withheld":
      return new ModelBlockedError(reason);
    default:
      return new ModelIncompleteError(reason);
  }
}
