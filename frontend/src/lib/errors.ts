/**
 * Every error the chatbot client throws. One root class so a caller can tell "the chatbot said no"
 * from a bug; each subclass names one failure, and its message states the fact with the values.
 */

/** Root of all chatbot client errors. `retryable` says whether sending the same request again can help. */
export abstract class ChatbotError extends Error {
  abstract readonly retryable: boolean;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type ChatbotAuthReason = "NOT_SIGNED_IN" | "SESSION_EXPIRED";

/** No usable Amplify session: raised before any request is made. */
export class ChatbotAuthError extends ChatbotError {
  readonly retryable = false;
  constructor(
    readonly reason: ChatbotAuthReason,
    message: string,
  ) {
    super(message);
  }
}

/** The client is not configured (no endpoint). */
export class ChatbotConfigError extends ChatbotError {
  readonly retryable = false;
}

/** A non-2xx answer before the stream (pinned JSON shape `{"error":{code,message,requestId}}`). */
export class ChatbotHttpError extends ChatbotError {
  readonly retryable: boolean;
  constructor(
    readonly status: number,
    /** The pinned error code (`TOKEN_EXPIRED`, ...), or `HTTP_<status>` when the body had none. */
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    /** Seconds to wait, from `Retry-After`, when the server sent one. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
    this.retryable = status === 429 || status >= 500;
  }
}

/** The request never got an answer (DNS, refused connection, CORS refusal in a browser). */
export class ChatbotNetworkError extends ChatbotError {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The stream stopped before `data: [DONE]`; what arrived so far is kept. */
export class ConnectionLostError extends ChatbotError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly partialText: string,
    options?: { cause?: unknown },
  ) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The server ended the stream with `event: error` (pinned: `{"error":{code,message}}`). */
export class ChatbotStreamError extends ChatbotError {
  readonly retryable = true;
  constructor(
    readonly code: string,
    message: string,
    readonly partialText: string,
  ) {
    super(message);
  }
}

/** The server answered something that is not the pinned wire format. */
export class ChatbotProtocolError extends ChatbotError {
  readonly retryable = false;
}
