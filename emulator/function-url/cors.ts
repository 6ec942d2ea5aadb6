/**
 * Function URL CORS (docs/platform-facts.md#function-url-cors; Lambda API reference `Cors`): Lambda adds the
 * configured headers to every response and its configuration wins over the function's own.
 */
import type { CorsConfig } from "../config/types.js";

function originAllowed(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes("*")) return cors.allowCredentials ? origin : "*";
  return cors.allowOrigins.some((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/**
 * Assumption: (widely reported, not stated by AWS) a preflight `OPTIONS` is answered by the service
 * without invoking the function and without IAM auth, since browsers cannot sign preflights.
 */
export function isPreflight(
  cors: CorsConfig | undefined,
  method: string,
  headers: Record<string, unknown>,
): boolean {
  return (
    cors !== undefined &&
    method === "OPTIONS" &&
    typeof headers.origin === "string" &&
    typeof headers["access-control-request-method"] === "string"
  );
}

/** Headers of the preflight answer. Assumption: an origin that is not allowed gets none. */
export function preflightHeaders(cors: CorsConfig, origin: string | undefined): Record<string, string> {
  const allowed = originAllowed(cors, origin);
  if (allowed === undefined) return {};
  const headers: Record<string, string> = { "access-control-allow-origin": allowed, vary: "Origin" };
  if (cors.allowMethods.length > 0) headers["access-control-allow-methods"] = cors.allowMethods.join(",");
  if (cors.allowHeaders.length > 0) headers["access-control-allow-headers"] = cors.allowHeaders.join(",");
  if (cors.allowCredentials) headers["access-control-allow-credentials"] = "true";
  headers["access-control-max-age"] = String(Math.min(cors.maxAge, 86400));
  return headers;
}

/**
 * Applies the URL's CORS configuration to a response's headers: the function's own
 * `access-control-*` headers are dropped (the configuration wins), then the configured ones added.
 */
export function applyCors(
  cors: CorsConfig | undefined,
  origin: string | undefined,
  headers: Record<string, string | string[]>,
): Record<string, string | string[]> {
  if (cors === undefined) return headers;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith("access-control-")) out[name] = value;
  }
  const allowed = originAllowed(cors, origin);
  if (allowed === undefined) return out;
  out["access-control-allow-origin"] = allowed;
  if (cors.exposeHeaders.length > 0) out["access-control-expose-headers"] = cors.exposeHeaders.join(",");
  if (cors.allowCredentials) out["access-control-allow-credentials"] = "true";
  out.vary = "Origin";
  return out;
}
