/**
 * What the inspector keeps of headers, events and log lines. Decision: header values only for a
 * short list of names known to carry no secret; every other value is "[REDACTED]" (Authorization,
 * the forwarded Cognito token, cookies, session tokens, API keys, unknown custom headers). Request
 * bodies and prompts are never kept, only their sizes. Log lines are scrubbed of anything shaped
 * like a JWT, a Bearer token, a SigV4 signature or an API key.
 */
import type { LambdaEventView } from "../common/stack-events.js";
import type { HopDetail } from "./types.js";

export const REDACTED = "[REDACTED]";

/** Header names whose values are shown; all others are redacted. */
const SHOWN_VALUES = new Set([
  "accept",
  "cloudfront-viewer-country",
  "content-length",
  "content-type",
  "host",
  "origin",
  "user-agent",
  "via",
  "x-amz-cf-id",
  "x-amz-content-sha256",
  "x-amz-date",
  "x-amzn-trace-id",
  "x-forwarded-for",
  "x-forwarded-proto",
]);

/** Header name -> value, with every value not on the shown list replaced by "[REDACTED]". */
export function safeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = SHOWN_VALUES.has(lower) ? (Array.isArray(value) ? value.join(",") : value) : REDACTED;
  }
  return out;
}

/** The `SignedHeaders=` list of a SigV4 Authorization header (never its Signature). */
export function signedHeaderNames(authorization: string | undefined): string[] {
  const match = /SignedHeaders=([^,\s]+)/.exec(authorization ?? "");
  return match?.[1] ? match[1].split(";") : [];
}

/** Query parameter names only: a presigned URL carries its signature and credentials in the query. */
export function queryNames(rawQuery: string): string[] {
  if (rawQuery === "") return [];
  return rawQuery.split("&").map((pair) => decodeURIComponent(pair.split("=")[0] ?? ""));
}

const SCRUBBERS: [RegExp, string][] = [
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[JWT]"],
  [/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`],
  [/Signature=[0-9a-f]+/gi, `Signature=${REDACTED}`],
  [/\bAIza[\w-]{20,}/g, REDACTED],
  [
    /(api[-_]?key|secret[-_]?access[-_]?key|session[-_]?token|password)(["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/** A log line with token-, signature- and key-shaped text replaced. */
export function scrubLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of SCRUBBERS) out = out.replace(pattern, replacement);
  return out;
}

/** The Lambda event's shape: what the handler was given, with no secret, body text or cookie value. */
export function eventSummary(event: LambdaEventView): HopDetail {
  const iam = event.requestContext.authorizer?.iam;
  return {
    version: event.version,
    routeKey: event.routeKey,
    method: event.requestContext.http.method,
    rawPath: event.rawPath,
    queryParameters: queryNames(event.rawQueryString),
    headers: safeHeaders(event.headers),
    cookies: (event.cookies ?? []).map((cookie) => cookie.split("=")[0] ?? ""),
    bodyBytes:
      event.body === undefined ? 0 : Buffer.byteLength(event.body, event.isBase64Encoded ? "base64" : "utf8"),
    isBase64Encoded: event.isBase64Encoded,
    sourceIp: event.requestContext.http.sourceIp,
    callerArn: iam?.userArn ?? null,
    requestId: event.requestContext.requestId,
  };
}
