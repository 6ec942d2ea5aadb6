/**
 * Every failure the handler reports, as one hierarchy. Each error knows its HTTP status, its pinned
 * code (docs/interfaces.md#errors-before-the-stream) and any extra response headers; `toResponse`
 * turns any thrown value into one of them, so errors are mapped to responses in one place.
 */

export type ErrorCode =
  | "INVALID_JSON"
  | "INVALID_REQUEST"
  | "TOKEN_MISSING"
  | "TOKEN_MALFORMED"
  | "TOKEN_EXPIRED"
  | "TOKEN_INVALID"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UPSTREAM_RATE_LIMITED"
  | "UPSTREAM_ERROR"
  | "AUTH_UNAVAILABLE"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_TIMEOUT"
  | "INTERNAL";

export abstract class HandlerError extends Error {
  abstract readonly status: number;
  abstract readonly code: ErrorCode;
  /** Extra response headers (lower-case names), e.g. `allow` or `www-authenticate`. */
  get headers(): Record<string, string> {
    return {};
  }

  override get name(): string {
    return this.constructor.name;
  }

  /** The pinned error body: `{"error":{"code","message","requestId"}}`. */
  toJSON(requestId?: string): { error: { code: ErrorCode; message: string; requestId?: string } } {
    return { error: { code: this.code, message: this.message, ...(requestId ? { requestId } : {}) } };
  }
}

export class NotFoundError extends HandlerError {
  readonly status = 404;
  readonly code = "NOT_FOUND";
}

export class MethodNotAllowedError extends HandlerError {
  readonly status = 405;
  readonly code = "METHOD_NOT_ALLOWED";
  override get headers(): Record<string, string> {
    return { allow: "POST" };
  }
}

export class UnsupportedMediaTypeError extends HandlerError {
  readonly status = 415;
  readonly code = "UNSUPPORTED_MEDIA_TYPE";
}

export class PayloadTooLargeError extends HandlerError {
  readonly status = 413;
  readonly code = "PAYLOAD_TOO_LARGE";
}

export class InvalidJsonError extends HandlerError {
  readonly status = 400;
  readonly code = "INVALID_JSON";
}

/** A schema or limit violation; the message names the field. */
export class InvalidRequestError extends HandlerError {
  readonly status = 400;
  readonly code = "INVALID_REQUEST";
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** 401s carry `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 section 3.1; docs/interfaces.md). */
export abstract class TokenError extends HandlerError {
  readonly status = 401;
  override get headers(): Record<string, string> {
    return { "www-authenticate": 'Bearer error="invalid_token"' };
  }
}

export class TokenMissingError extends TokenError {
  readonly code = "TOKEN_MISSING";
}

export class TokenMalformedError extends TokenError {
  readonly code = "TOKEN_MALFORMED";
}

export class TokenExpiredError extends TokenError {
  readonly code = "TOKEN_EXPIRED";
}

export class TokenInvalidError extends TokenError {
  readonly code = "TOKEN_INVALID";
}

export class ForbiddenError extends HandlerError {
  readonly status = 403;
  readonly code = "FORBIDDEN";
}

export class AuthUnavailableError extends HandlerError {
  readonly status = 503;
  readonly code = "AUTH_UNAVAILABLE";
}

export class UpstreamRateLimitedError extends HandlerError {
  readonly status = 429;
  readonly code = "UPSTREAM_RATE_LIMITED";
  constructor(
    message: string,
    /** Seconds, from Google's RetryInfo detail when it sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  override get headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { "retry-after": String(this.retryAfterSeconds) };
  }
}

export class UpstreamError extends HandlerError {
  readonly status = 502;
  readonly code = "UPSTREAM_ERROR";
}

/**
 * A filter withheld the answer: a finish reason such as SAFETY, RECITATION, BLOCKLIST or SPII
 * (model/finish-reason.ts), or a blocked prompt. The pinned table has no dedicated code, so it is an
 * UPSTREAM_ERROR (502).
 */
export class ModelBlockedError extends UpstreamError {
  constructor(readonly reason: string) {
    super(`The model declined to answer (${reason}). Try rephrasing the question.`);
  }
}

/**
 * The model stopped at `maxOutputTokens` (finishReason MAX_TOKENS, or CONTINUATION; thinking tokens
 * count against the cap on 2.5 and 3.x models): the answer is not complete, so it must not end with
 * `[DONE]`.
 */
export class ModelOutputLimitError extends UpstreamError {
  constructor() {
    super("The answer was cut at the model's output limit. Try a narrower question.");
  }
}

/**
 * The model stopped for a reason that is neither a complete answer, a cut, nor a filter: a tool or image
 * state the handler never asks for, OTHER, no reason at all, or a reason Google added later.
 */
export class ModelIncompleteError extends UpstreamError {
  constructor(readonly reason: string) {
    super(`The model stopped without a complete answer (${reason}). Try again.`);
  }
}

/**
 * Google answered 404 NOT_FOUND for the configured model: it was shut down (docs/lifecycle.md) or never
 * existed. A deployment fault, not the viewer's: 502 like other upstream refusals, not 503, because
 * retrying cannot help until GEMINI_MODEL names a current model.
 */
export class ModelNotFoundError extends UpstreamError {
  constructor() {
    super("The configured model is not available.");
  }
}

export class UpstreamUnavailableError extends HandlerError {
  readonly status = 503;
  readonly code = "UPSTREAM_UNAVAILABLE";
}

export class UpstreamTimeoutError extends HandlerError {
  readonly status = 504;
  readonly code = "UPSTREAM_TIMEOUT";
}

export class InternalError extends HandlerError {
  readonly status = 500;
  readonly code = "INTERNAL";
  constructor() {
    // No internals in the message (docs/interfaces.md#errors-before-the-stream): details go to the log only.
    super("Internal error.");
  }
}

/** Any thrown value as a HandlerError; anything unknown becomes INTERNAL. */
export function toHandlerError(error: unknown): HandlerError {
  return error instanceof HandlerError ? error : new InternalError();
}
