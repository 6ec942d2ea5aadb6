/**
 * SigV4 canonicalisation and signing math, as the service side computes it for a non-S3 service
 * (AWS General Reference, "Create a canonical request for Signature Version 4"). Written out here
 * instead of borrowed from a client signer, so the verifier and the clients in the tests are
 * independent implementations; AWS's published test suite (function-url/test-support/fixtures/sigv4-testsuite/,
 * run by function-url/auth/sigv4-testsuite.test.ts) pins it.
 *
 * @example
 * const creq = canonicalRequest({ method: "GET", path: "/", query: "", headers, signedHeaders: ["host", "x-amz-date"],
 *   payloadHash: EMPTY_BODY_SHA256 });
 * const sig = signatureOf(secret, "20150830", "us-east-1", "service", stringToSign("20150830T123600Z", scope, creq));
 */
import { createHash, createHmac } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";

/** SHA-256 of the empty string: the payload hash of a request without a body (SigV4 signs it as hex). */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Header values as received: one string, or every value of a repeated header in arrival order. */
export type HeaderValues = Record<string, string | string[] | undefined>;

/** RFC 3986 encoding of every byte but the unreserved `A-Za-z0-9-_.~` (uppercase hex), as SigV4 requires. */
function uriEncode(text: string): string {
  // A lone UTF-16 surrogate cannot be encoded; it is encoded as U+FFFD so a bad request never throws
  // (and then cannot match any client's signature).
  const wellFormed = text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
  return encodeURIComponent(wellFormed).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Canonical URI for a non-S3 service: the path as it came on the request line, normalised (empty,
 * `.` and `..` segments removed; suite case `get-slashes`: `//example//` -> `/example/`) and each
 * segment URI-encoded once more (so a `%20` on the wire is signed as `%2520`, as botocore, aws4 and
 * `@smithy/signature-v4` sign it).
 */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(uriEncode(segment));
  }
  if (segments.length === 0) return "/";
  return `/${segments.join("/")}${path.endsWith("/") ? "/" : ""}`;
}

/**
 * One query component as SigV4 decodes it: percent-decoding only, so `+` stays a literal plus (RFC 3986,
 * not form encoding). Text that is not valid percent-encoding is taken literally, so its `%` is
 * re-encoded as `%25` by `uriEncode`.
 */
function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The `name=value` pairs of a raw query string (without `?`), decoded with `decodeQueryComponent`, in
 * the order they came; empty parts are skipped and a part without `=` has the value "". This is how the
 * Function URL verifier reads a query, and how the OAC signer hands one to AWS's signer.
 */
export function queryPairs(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    pairs.push([
      decodeQueryComponent(eq < 0 ? part : part.slice(0, eq)),
      decodeQueryComponent(eq < 0 ? "" : part.slice(eq + 1)),
    ]);
  }
  return pairs;
}

/**
 * Canonical query string: each `name=value` pair decoded (`queryPairs`), re-encoded with `uriEncode`,
 * sorted by name then value (suite cases `get-vanilla-query-order-key-case`, `-order-value`,
 * `-utf8-query`, `-empty-query-key`). `omit` drops names that are not signed (a presigned URL's
 * `X-Amz-Signature`).
 */
export function canonicalQuery(rawQuery: string, omit: ReadonlySet<string> = new Set()): string {
  const pairs = queryPairs(rawQuery)
    .filter(([name]) => !omit.has(name))
    .map(([name, value]): [string, string] => [uriEncode(name), uriEncode(value)]);
  pairs.sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trimall: surrounding spaces removed, inner runs collapsed to one space (suite case `get-header-value-trim`). */
function trimAll(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/** Every value of a header, looked up case-insensitively, in arrival order. */
export function headerValues(headers: HeaderValues, name: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    out.push(...(Array.isArray(value) ? value : [value]));
  }
  return out;
}

/**
 * Canonical headers: `name:value` for each signed header; a repeated header's values trimmed and
 * joined with `,` in arrival order (suite cases `get-header-value-order`, `get-header-key-duplicate`).
 * A signed header that is absent is canonicalised with an empty value, so it can never verify.
 */
function canonicalHeaders(headers: HeaderValues, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => `${name}:${headerValues(headers, name).map(trimAll).join(",")}\n`)
    .join("");
}

export interface CanonicalRequestInput {
  method: string;
  /** Path as on the request line (still percent-encoded), without the query. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: HeaderValues;
  /** Lower-case names, in the order the signature lists them. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the payload, as the service computed it. */
  payloadHash: string;
  /** Query parameters left out of the canonical query (presigned: `X-Amz-Signature`). */
  omitQuery?: ReadonlySet<string>;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query, input.omitQuery),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(";"),
    input.payloadHash,
  ].join("\n");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `<date>/<region>/<service>/aws4_request`. */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
}

/** HMAC chain `AWS4<secret>` -> date -> region -> service -> `aws4_request`, then the hex signature. */
export function signatureOf(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
  toSign: string,
): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac("sha256", key).update(data, "utf8").digest();
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kSigning = hmac(hmac(hmac(kDate, region), service), "aws4_request");
  return createHmac("sha256", kSigning).update(toSign, "utf8").digest("hex");
}
