/** Turns a non-2xx response (pinned: `{"error":{code,message,requestId}}`) into a typed error. */
import { ChatbotHttpError } from "./errors.js";
import { isRecord } from "./sse-events.js";

export async function httpErrorFrom(
  response: Response,
  now: () => number = Date.now,
): Promise<ChatbotHttpError> {
  let code = `HTTP_${response.status}`;
  let message = `The chatbot endpoint answered HTTP ${response.status}`;
  let requestId = response.headers.get("x-request-id") ?? undefined;
  const text = await response.text().catch(() => "");
  try {
    const body: unknown = JSON.parse(text);
    const error = isRecord(body) ? body.error : undefined;
    if (isRecord(error)) {
      if (typeof error.code === "string") code = error.code;
      if (typeof error.message === "string") message = error.message;
      if (typeof error.requestId === "string") requestId = error.requestId;
    }
  } catch {
    // Not the pinned JSON (e.g. an HTML or XML error page from a proxy): keep the status-based code.
  }
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), now());
  return new ChatbotHttpError(response.status, code, message, requestId, retryAfter);
}

/**
 * `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110, section 10.2.3).
 * Returns whole seconds to wait, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
