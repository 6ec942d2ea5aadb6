import {
  type HandlerError,
  HandlerError as HandlerErrorClass,
  ModelNotFoundError,
  UpstreamError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from "../errors.js";

/**
 * An SDK failure as a pinned error. Source for statuses and bodies: docs/platform-facts.md#gemini-errors
 * (429 RESOURCE_EXHAUSTED with RetryInfo, 503 UNAVAILABLE, bad key 400). `@google/genai`'s
 * ApiError carries `status` and the JSON body in its message.
 */
export function mapModelError(error: unknown): HandlerError {
  if (error instanceof HandlerErrorClass) return error;
  const mapped = mapSdkError(error);
  // Kept for the log only (app.ts logs it at warn): the viewer sees the pinned message, never this.
  mapped.cause = error;
  return mapped;
}

function mapSdkError(error: unknown): HandlerError {
  const status = statusOf(error);
  if (status === 429) {
    return new UpstreamRateLimitedError(
      "The model is rate limited; try again later.",
      retryAfterSeconds(error),
    );
  }
  if (status === 503) return new UpstreamUnavailableError("The model is unavailable; try again shortly.");
  if (status === 504) return new UpstreamTimeoutError("The model did not answer in time.");
  // A shut-down or unknown model: 404 NOT_FOUND "models/... is not found for API version v1beta, or is
  // not supported for streamGenerateContent" (recorded: continuedev/continue#11337, 2026-03-12).
  if (status === 404) return new ModelNotFoundError();
  if (status !== undefined) return new UpstreamError(`The model request failed (status ${status}).`);
  if (isNetworkError(error)) return new UpstreamUnavailableError("The model could not be reached.");
  return new UpstreamError("The model returned an unreadable response.");
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 600 ? status : undefined;
}

/** `RetryInfo.retryDelay` ("37s", "1.5s") rounded up to whole seconds, when Google sent it. */
export function retryAfterSeconds(error: unknown): number | undefined {
  for (const detail of errorDetails(error)) {
    const d = detail as { "@type"?: unknown; retryDelay?: unknown } | null;
    if (typeof d?.["@type"] === "string" && d["@type"].endsWith("google.rpc.RetryInfo")) {
      const match = typeof d.retryDelay === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay) : null;
      if (match?.[1]) return Math.max(1, Math.ceil(Number(match[1])));
    }
  }
  return undefined;
}

function errorDetails(error: unknown): unknown[] {
  // @google/genai puts the JSON error body in the message, sometimes after a "got status: ..." prefix.
  const message = error instanceof Error ? error.message : "";
  const start = message.indexOf("{");
  if (start < 0) return [];
  try {
    const body = JSON.parse(message.slice(start)) as { error?: { details?: unknown } };
    return Array.isArray(body.error?.details) ? body.error.details : [];
  } catch {
    return [];
  }
}

function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (
      /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up|Error fetching from/i.test(
        e.message,
      )
    ) {
      return true;
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(ECONN|ENOTFOUND|EAI_|UND_ERR_)/.test(code)) return true;
  }
  return false;
}
