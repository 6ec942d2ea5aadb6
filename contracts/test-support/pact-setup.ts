/**
 * Names and paths shared by the consumer and provider sides of the contract. The pact files are
 * produced by the consumer run (never hand-edited) and are git-ignored.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const CONTRACTS_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Where the consumer tests write pact files and the provider tests read them. */
export const PACT_DIR = path.join(CONTRACTS_DIR, "pacts");

/** The HTTP contract: the frontend's chatbot client against the API behind CloudFront. */
export const HTTP_PACT = { consumer: "ChatbotFrontend", provider: "ChatbotApi" } as const;

/**
 * The message contract for the JSON inside SSE events: the frontend's event parser against the
 * handler's SSE encoder. A separate pair of names, because a V3 pact file holds either HTTP
 * interactions or messages, not both.
 */
export const MESSAGE_PACT = { consumer: "ChatbotFrontendEvents", provider: "ChatbotApiEvents" } as const;

export function pactFile(pair: { consumer: string; provider: string }): string {
  return path.join(PACT_DIR, `${pair.consumer}-${pair.provider}.json`);
}

/** Provider states, written as sentences (shared by both sides so a typo cannot split them). */
export const STATES = {
  signedIn: "a signed-in user",
  nobodySignedIn: "nobody is signed in",
  expiredSession: "an expired session",
  tutorUnavailable: "the tutor is unavailable",
  modelAnswers: "the model streams an answer",
  modelFailsMidStream: "the model fails after the stream started",
} as const;

export type HttpState =
  | typeof STATES.signedIn
  | typeof STATES.nobodySignedIn
  | typeof STATES.expiredSession
  | typeof STATES.tutorUnavailable;
