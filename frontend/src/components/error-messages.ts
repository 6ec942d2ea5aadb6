/**
 * What the user reads when a question fails: one specific sentence per failure, and whether a
 * Retry button makes sense. Server messages are shown only for 400s, where they name the field.
 */
import {
  ChatbotAuthError,
  ChatbotHttpError,
  ChatbotNetworkError,
  ChatbotStreamError,
  ConnectionLostError,
} from "../lib/errors.js";

export interface ErrorNotice {
  text: string;
  retryable: boolean;
}

export const MESSAGES = {
  notSignedIn: "You are not signed in. Sign in to ask the tutor.",
  sessionExpired: "Your session has expired. Please sign in again.",
  invalidSession: "Your sign-in is no longer valid. Please sign in again.",
  forbidden: "Your account is not allowed to use the tutor.",
  tooLarge: "Your question and code are too large to send. Shorten them and try again.",
  rateLimitedUnknown: "The tutor is receiving too many questions. Please wait a moment and try again.",
  unavailable: "The tutor is unavailable right now. Please try again in a moment.",
  connectionLost: "The connection was lost before the answer finished. The partial answer is kept above.",
  network: "Could not reach the tutor. Check your connection and try again.",
  unexpected: "Something went wrong while asking the tutor. Please try again.",
} as const;

export function rateLimitedMessage(seconds: number): string {
  return `The tutor is receiving too many questions. Please wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
}

export function describeChatError(error: unknown): ErrorNotice {
  if (error instanceof ChatbotAuthError) {
    const text = error.reason === "SESSION_EXPIRED" ? MESSAGES.sessionExpired : MESSAGES.notSignedIn;
    return { text, retryable: false };
  }
  if (error instanceof ChatbotHttpError) return describeHttpError(error);
  if (error instanceof ConnectionLostError) return { text: MESSAGES.connectionLost, retryable: true };
  if (error instanceof ChatbotStreamError) {
    // The stream's own error event (pinned): the upstream codes mean the tutor, not the user, failed.
    if (error.code === "UPSTREAM_RATE_LIMITED") return { text: MESSAGES.rateLimitedUnknown, retryable: true };
    return { text: MESSAGES.unavailable, retryable: true };
  }
  if (error instanceof ChatbotNetworkError) return { text: MESSAGES.network, retryable: true };
  return { text: MESSAGES.unexpected, retryable: true };
}

function describeHttpError(error: ChatbotHttpError): ErrorNotice {
  const { status, code } = error;
  if (status === 401) {
    if (code === "TOKEN_EXPIRED") return { text: MESSAGES.sessionExpired, retryable: false };
    if (code === "TOKEN_MISSING") return { text: MESSAGES.notSignedIn, retryable: false };
    return { text: MESSAGES.invalidSession, retryable: false };
  }
  if (status === 403) return { text: MESSAGES.forbidden, retryable: false };
  if (status === 413) return { text: MESSAGES.tooLarge, retryable: false };
  if (status === 429) {
    const wait = error.retryAfterSeconds;
    return {
      text: wait === undefined ? MESSAGES.rateLimitedUnknown : rateLimitedMessage(wait),
      retryable: true,
    };
  }
  if (status >= 500) return { text: MESSAGES.unavailable, retryable: true };
  if (status === 400)
    return { text: `The tutor could not read the question: ${error.message}`, retryable: false };
  return { text: MESSAGES.unexpected, retryable: false };
}
