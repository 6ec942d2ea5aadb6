/**
 * Headers of the origin request, under the behavior's origin request policy (origin-request-policy.ts).
 * Source: CloudFront developer guide, RequestAndResponseBehaviorCustomOrigin (what CloudFront removes
 * and adds whatever the policy).
 */
import type { OriginHeaderPolicy } from "./origin-request-policy.js";
import { cloudFrontViewerHeaders, type ViewerFacts } from "./viewer-headers.js";

// Hop-by-hop headers (RFC 9110 7.6.1) and the ones CloudFront documents as removed.
const DROPPED = new Set([
  "host", // replaced by the origin's domain (AllViewerExceptHostHeader)
  "x-real-ip",
  "x-forwarded-proto",
  "te",
  "trailer",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  // Assumption: CloudFront answers `Expect: 100-continue` itself rather than passing it on.
  "expect",
  // CloudFront sets its own request id; a viewer cannot choose it.
  "x-amz-cf-id",
]);

export interface OriginHeaderContext {
  /** The origin's domain, e.g. `<url-id>.lambda-url.us-east-1.on.aws`. */
  originHost: string;
  viewerIp: string;
  /** This request's `X-Amz-Cf-Id`. */
  requestId: string;
  /** The `Via` entry CloudFront adds, `1.1 <id>.cloudfront.net (CloudFront)`. */
  via: string;
  /** What CloudFront knows of the viewer, for its `CloudFront-*` headers. */
  viewer: ViewerFacts;
  /** The viewer's original headers (lower-case pairs), when a function may have changed `headers`. */
  viewerHeaders?: readonly [string, string][];
  /** Which viewer headers go on, and which `CloudFront-*` headers are added. */
  policy: OriginHeaderPolicy;
}

/** Viewer (or function-changed) headers in, origin request headers out; names are lower case. */
export function buildOriginRequestHeaders(
  headers: readonly [string, string][],
  context: OriginHeaderContext,
): [string, string][] {
  // Read from the viewer's own headers: `Connection` is hidden from a CloudFront Function's event.
  const connectionListed = new Set(
    [...headers, ...(context.viewerHeaders ?? [])]
      .filter(([name]) => name === "connection")
      .flatMap(([, value]) => value.split(","))
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ""),
  );
  const forwardedFor: string[] = [];
  const via: string[] = [];
  const { policy } = context;
  const added = cloudFrontViewerHeaders(context.viewer, policy.cloudFrontHeaders);
  const overwritten = new Set(added.map(([name]) => name));
  let hasUserAgent = false;
  const out: [string, string][] = [["host", context.originHost]];
  for (const [rawName, value] of headers) {
    const name = rawName.toLowerCase();
    if (DROPPED.has(name) || name.startsWith("proxy-") || connectionListed.has(name)) continue;
    if (!policy.forwards(name)) continue;
    if (name === "x-forwarded-for") {
      forwardedFor.push(value);
      continue;
    }
    if (name === "via") {
      via.push(value);
      continue;
    }
    // CloudFront overwrites viewer headers named like the ones it adds (adding-cloudfront-headers).
    if (overwritten.has(name)) continue;
    if (name === "user-agent") hasUserAgent = true;
    out.push([name, value]);
  }
  // CloudFront appends the viewer's address to any X-Forwarded-For the viewer sent.
  forwardedFor.push(context.viewerIp);
  out.push(["x-forwarded-for", forwardedFor.join(", ")]);
  // "Amazon CloudFront" only when no viewer User-Agent is forwarded.
  if (!hasUserAgent) out.push(["user-agent", "Amazon CloudFront"]);
  out.push(["x-amz-cf-id", context.requestId]);
  // CloudFront adds its Via entry (after any the viewer sent), and the CloudFront headers the policy names.
  out.push(["via", [...via, context.via].join(", ")]);
  out.push(...added);
  return out;
}

// Response headers that belong to one hop and are not passed to the viewer; `Trailer` is removed
// (docs/platform-facts.md#origin-headers).
const RESPONSE_DROPPED = new Set(["connection", "keep-alive", "transfer-encoding", "trailer", "upgrade"]);

export interface ViewerResponseContext {
  /** `Via` value, `1.1 <hex>.cloudfront.net (CloudFront)`. */
  via: string;
  pop: string;
  requestId: string;
  /** `X-Cache` value, e.g. `Miss from cloudfront`. */
  xCache: string;
}

/** Origin response headers in (Node's rawHeaders pairs), viewer response headers out. */
export function buildViewerResponseHeaders(
  rawHeaders: readonly string[],
  context: ViewerResponseContext,
): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (
      RESPONSE_DROPPED.has(lower) ||
      lower === "via" ||
      lower.startsWith("x-amz-cf-") ||
      lower === "x-cache"
    ) {
      continue;
    }
    out.push([name, rawHeaders[i + 1] as string]);
  }
  return [...out, ...cloudFrontResponseHeaders(context)];
}

/** The headers CloudFront adds to every viewer response (developer guide, response behaviour). */
export function cloudFrontResponseHeaders(context: ViewerResponseContext): [string, string][] {
  return [
    ["X-Cache", context.xCache],
    ["Via", context.via],
    ["X-Amz-Cf-Pop", context.pop],
    ["X-Amz-Cf-Id", context.requestId],
  ];
}
