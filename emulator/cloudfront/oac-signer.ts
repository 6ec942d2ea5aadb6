import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { OacSigningBehavior } from "../config/types.js";

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4HeaderInput {
  credentials: SigningCredentials;
  region: string;
  /** `lambda` for a Function URL origin. */
  service: string;
  /** The origin's domain, signed as `host`. */
  host: string;
  method: string;
  /** Path as sent on the wire (still URL-encoded). */
  path: string;
  /** Query string without `?`, as sent on the wire. */
  rawQuery: string;
  /** Hex SHA-256 of the body, signed as `x-amz-content-sha256`. */
  payloadHash: string;
  signingDate: Date;
}

/** The headers a SigV4 signature adds to a request. */
export interface SigV4Headers {
  authorization: string;
  "x-amz-date": string;
  "x-amz-content-sha256": string;
  "x-amz-security-token"?: string;
}

// "+" stays a literal plus: SigV4 expects spaces as %20, and the Function URL verifier decodes the same way.
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Decoded query parameters, the shape the smithy signer canonicalises (it re-encodes them). */
export function queryForSigning(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/**
 * Signs a request with AWS's own SigV4 signer (`@smithy/signature-v4`). Only `host`, `x-amz-date`,
 * `x-amz-content-sha256` (and `x-amz-security-token` with a session token) are signed. Assumption: which
 * headers OAC signs is not documented; these are the ones SigV4 requires for a Lambda call.
 *
 * @example
 * const h = await signSigV4Headers({ credentials, region: "us-east-1", service: "lambda",
 *   host: "abc.lambda-url.us-east-1.on.aws", method: "POST", path: "/chatbot", rawQuery: "",
 *   payloadHash, signingDate: new Date() });
 * // h.authorization = "AWS4-HMAC-SHA256 Credential=.../lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, ..."
 */
export async function signSigV4Headers(input: SigV4HeaderInput): Promise<SigV4Headers> {
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    sha256: Sha256,
    uriEscapePath: true,
  });
  const request = new HttpRequest({
    method: input.method,
    protocol: "https:",
    hostname: input.host,
    path: input.path,
    query: queryForSigning(input.rawQuery),
    headers: { host: input.host, "x-amz-content-sha256": input.payloadHash },
  });
  const signed = await signer.sign(request, { signingDate: input.signingDate });
  const headers = signed.headers;
  const result: SigV4Headers = {
    authorization: headers.authorization as string,
    "x-amz-date": headers["x-amz-date"] as string,
    "x-amz-content-sha256": input.payloadHash,
  };
  const token = headers["x-amz-security-token"];
  if (token) result["x-amz-security-token"] = token;
  return result;
}

export interface OacSignInput {
  /** `undefined` when the origin has no OAC: nothing is signed. */
  behavior: OacSigningBehavior | undefined;
  credentials: SigningCredentials;
  region: string;
  /** The origin's domain (the `host` header already set on `headers`). */
  host: string;
  method: string;
  path: string;
  rawQuery: string;
  /** Origin request headers, lower-case names. */
  headers: [string, string][];
  signingDate: Date;
}

export interface OacSignResult {
  headers: [string, string][];
  signed: boolean;
}

const SIGNATURE_HEADERS = new Set(["authorization", "x-amz-date", "x-amz-security-token"]);

/**
 * Applies an OAC signing behaviour to an origin request (API_OriginAccessControlConfig; aws-facts
 * "CloudFront with OAC"): `always` signs and overwrites a viewer Authorization; `no-override` passes a
 * viewer Authorization on unsigned and signs otherwise; `never` signs nothing. The payload hash is the
 * viewer's `x-amz-content-sha256` (CloudFront never reads the body). Assumption: without that header the
 * empty-payload hash is signed, so an origin that checks the body refuses a request that has one.
 */
export async function applyOacSigning(input: OacSignInput): Promise<OacSignResult> {
  const { behavior, headers } = input;
  if (behavior === undefined || behavior === "never") return { headers, signed: false };
  if (behavior === "no-override" && headers.some(([name]) => name === "authorization")) {
    return { headers, signed: false };
  }
  const viewerHash = headers.find(([name]) => name === "x-amz-content-sha256")?.[1];
  const payloadHash = viewerHash ?? EMPTY_PAYLOAD_SHA256;
  const signature = await signSigV4Headers({
    credentials: input.credentials,
    region: input.region,
    service: "lambda",
    host: input.host,
    method: input.method,
    path: input.path,
    rawQuery: input.rawQuery,
    payloadHash,
    signingDate: input.signingDate,
  });
  const kept = headers.filter(([name]) => !SIGNATURE_HEADERS.has(name) && name !== "x-amz-content-sha256");
  const out: [string, string][] = [...kept, ...(Object.entries(signature) as [string, string][])];
  return { headers: out, signed: true };
}
