/**
 * Scrubs secrets from free text before it is logged (an exception's message or stack may quote a
 * token, a key or the request's input). Three nets, each replaced by `[REDACTED]`:
 * - a `Bearer <credentials>` value;
 * - anything JWT-shaped: three dot-separated base64url segments, the first starting `eyJ` (a JSON
 *   object's `{"`), so a token is caught even without its scheme;
 * - a Google API key (`AIza` + 35 characters) and any exact secret the caller names (the configured key).
 */

const MARK = "[REDACTED]";

const PATTERNS: readonly RegExp[] = [
  /\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi,
  /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
];

/** Exact secrets shorter than this are too common to search for (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;

/** @example redact("bad token eyJhbGciOi.eyJzdWIi.c2ln", []) // "bad token [REDACTED]" */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(MARK);
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, MARK);
  return out;
}
