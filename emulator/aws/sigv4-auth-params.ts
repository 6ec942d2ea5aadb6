/**
 * Reads SigV4 signature parameters from where a caller can put them: the `Authorization` header, or the
 * query string of a presigned URL (`X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`,
 * `-SignedHeaders`, `-Signature`, `-Security-Token`; AWS General Reference, "Add the signature to the
 * query string"). Function URLs accept both (re:Post QUPuq7VvHJRwWxVA3XJIgNKQ;
 * docs/platform-facts.md#sigv4-at-a-function-url).
 */
import { ALGORITHM, queryPairs } from "./sigv4-canonical.js";

export interface SignatureParams {
  via: "header" | "query";
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned only: `X-Amz-Date` and `X-Amz-Expires` (seconds; undefined when absent) from the query. */
  amzDate?: string;
  expiresSeconds?: number;
  /** Presigned only: `X-Amz-Security-Token` from the query. */
  sessionToken?: string;
}

export type ParseFailure =
  | { kind: "algorithm" }
  | { kind: "missing"; missing: string[] }
  | { kind: "credential"; credential: string }
  | { kind: "expires"; value: string };

/**
 * Required. `X-Amz-Expires` is not: aws4 presigns non-S3 requests without it. Assumption: without it
 * the 5-minute window of header signatures applies.
 */
const PRESIGN_PARAMS = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
] as const;

/** Names a presigned URL does not sign: the signature itself. */
export const UNSIGNED_QUERY_PARAMS: ReadonlySet<string> = new Set(["X-Amz-Signature"]);

/** Seven days: the longest a SigV4 presigned URL may live (S3 API reference, sigv4-query-string-auth). */
const MAX_PRESIGN_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

function splitCredential(
  credential: string,
): Omit<SignatureParams, "via" | "signedHeaders" | "signature"> | undefined {
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request" || !scope[0]) return undefined;
  return {
    accessKeyId: scope[0],
    scopeDate: scope[1] ?? "",
    scopeRegion: scope[2] ?? "",
    scopeService: scope[3] ?? "",
  };
}

function signedHeaderList(value: string): string[] {
  return value.split(";").map((h) => h.trim().toLowerCase());
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorizationHeader(value: string): SignatureParams | ParseFailure {
  const space = value.indexOf(" ");
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) return { kind: "algorithm" };
  const params = new Map<string, string>();
  for (const part of value.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = params.get("Credential");
  const signature = params.get("Signature");
  const signedHeaders = params.get("SignedHeaders");
  // Order as AWS lists them (aws/chalice#828, recorded 403 body).
  const missing = [
    ["Credential", credential],
    ["Signature", signature],
    ["SignedHeaders", signedHeaders],
  ]
    .filter(([, v]) => !v)
    .map(([name]) => name as string);
  if (missing.length > 0 || !credential || !signature || !signedHeaders) return { kind: "missing", missing };
  const scope = splitCredential(credential);
  if (!scope) return { kind: "credential", credential };
  return { via: "header", ...scope, signedHeaders: signedHeaderList(signedHeaders), signature };
}

/** The decoded query parameters (first value of each name). */
export function queryParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of queryPairs(rawQuery)) if (!params.has(name)) params.set(name, value);
  return params;
}

/** True when the query carries presigned-URL parameters (any `X-Amz-Algorithm`/`-Signature`/`-Credential`). */
export function looksPresigned(params: Map<string, string>): boolean {
  return params.has("X-Amz-Algorithm") || params.has("X-Amz-Signature") || params.has("X-Amz-Credential");
}

export function parsePresignedQuery(params: Map<string, string>): SignatureParams | ParseFailure {
  if (params.get("X-Amz-Algorithm") !== undefined && params.get("X-Amz-Algorithm") !== ALGORITHM) {
    return { kind: "algorithm" };
  }
  const missing = PRESIGN_PARAMS.filter((name) => !params.get(name));
  if (missing.length > 0) return { kind: "missing", missing: [...missing] };
  const credential = params.get("X-Amz-Credential") ?? "";
  const scope = splitCredential(credential);
  if (!scope) return { kind: "credential", credential };
  const expiresText = params.get("X-Amz-Expires");
  const expires =
    expiresText === undefined ? undefined : /^\d{1,9}$/.test(expiresText) ? Number(expiresText) : -1;
  if (expires !== undefined && (expires < 0 || expires > MAX_PRESIGN_EXPIRES_SECONDS)) {
    return { kind: "expires", value: expiresText ?? "" };
  }
  return {
    via: "query",
    ...scope,
    signedHeaders: signedHeaderList(params.get("X-Amz-SignedHeaders") ?? ""),
    signature: params.get("X-Amz-Signature") ?? "",
    amzDate: params.get("X-Amz-Date"),
    expiresSeconds: expires,
    sessionToken: params.get("X-Amz-Security-Token"),
  };
}
