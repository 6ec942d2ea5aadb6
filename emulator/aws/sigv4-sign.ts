/**
 * SigV4 signing with AWS's own signer (`@smithy/signature-v4`, what every AWS SDK for JavaScript v3
 * client uses). CloudFront OAC signs origin requests with it, and it is the one signer of the tests,
 * the benchmarks and the attack suite: the signing math stays AWS's, never ours, so it checks the
 * verifier in `../function-url/sigv4-verify.ts` independently of `sigv4-canonical.ts`.
 *
 * @example
 * const headers = await signRequest(
 *   { method: "POST", host, path: "/chatbot", headers: { "x-amz-content-sha256": sha256Hex(body) }, body },
 *   { credentials, region: "us-east-1", service: "lambda", signingDate: new Date() },
 * );
 * // headers.authorization = "AWS4-HMAC-SHA256 Credential=.../lambda/aws4_request, SignedHeaders=host;..."
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { queryPairs } from "./sigv4-canonical.js";

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request as it will go on the wire. */
export interface SignableRequest {
  method: string;
  /** Signed as `host`. */
  host: string;
  /** Path as sent on the wire (still URL-encoded), without the query. */
  path: string;
  /** Query string without `?`, as sent on the wire; "" or absent when none. */
  rawQuery?: string;
  /** Headers to sign besides `host` (lower-case names). */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SigningOptions {
  /** Only the access key, secret and session token are used (a `LocalCredential` may be passed). */
  credentials: SigningCredentials;
  region: string;
  service: string;
  signingDate: Date;
  /** False: no `x-amz-content-sha256` is added (as botocore, aws4 and aws4fetch sign outside S3). Default true. */
  applyChecksum?: boolean;
}

/**
 * Decoded query parameters, the shape the smithy signer canonicalises (it re-encodes them). Decoded
 * as the Function URL verifier decodes them (`queryPairs`: `+` stays a literal plus).
 */
export function queryForSigning(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of queryPairs(rawQuery)) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function signerFor(options: SigningOptions): SignatureV4 {
  const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
  return new SignatureV4({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: options.region,
    service: options.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: options.applyChecksum ?? true,
  });
}

function httpRequest(req: SignableRequest): HttpRequest {
  return new HttpRequest({
    method: req.method,
    protocol: "https:",
    hostname: req.host,
    path: req.path,
    query: queryForSigning(req.rawQuery ?? ""),
    headers: { host: req.host, ...req.headers },
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
}

/** Every header of the signed request: `host`, the given ones, `x-amz-date`, `authorization` and friends. */
export async function signRequest(
  req: SignableRequest,
  options: SigningOptions,
): Promise<Record<string, string>> {
  const signed = await signerFor(options).sign(httpRequest(req), { signingDate: options.signingDate });
  return signed.headers as Record<string, string>;
}

/**
 * A presigned URL's query string (without `?`): the request's own parameters plus `X-Amz-Algorithm`,
 * `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`, `-Signature` (and `-Security-Token`).
 */
export async function presignQuery(
  req: SignableRequest,
  options: SigningOptions & { expiresInSeconds: number },
): Promise<string> {
  const presigned = await signerFor(options).presign(httpRequest(req), {
    expiresIn: options.expiresInSeconds,
    signingDate: options.signingDate,
  });
  return Object.entries(presigned.query ?? {})
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? ""]).map(
        (v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`,
      ),
    )
    .join("&");
}

/** The headers a SigV4 signature adds to a request. */
export interface SigV4Headers {
  authorization: string;
  "x-amz-date": string;
  "x-amz-content-sha256": string;
  "x-amz-security-token"?: string;
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

/**
 * Signs only `host`, `x-amz-date`, `x-amz-content-sha256` (and `x-amz-security-token` with a session
 * token), as CloudFront OAC does, and returns the headers the signature adds. Assumption: which headers
 * OAC signs is not documented; these are the ones SigV4 requires for a Lambda call.
 *
 * @example
 * const h = await signSigV4Headers({ credentials, region: "us-east-1", service: "lambda",
 *   host: "abc.lambda-url.us-east-1.on.aws", method: "POST", path: "/chatbot", rawQuery: "",
 *   payloadHash, signingDate: new Date() });
 * // h.authorization = "AWS4-HMAC-SHA256 Credential=.../lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, ..."
 */
export async function signSigV4Headers(input: SigV4HeaderInput): Promise<SigV4Headers> {
  const headers = await signRequest(
    {
      method: input.method,
      host: input.host,
      path: input.path,
      rawQuery: input.rawQuery,
      headers: { "x-amz-content-sha256": input.payloadHash },
    },
    input,
  );
  const result: SigV4Headers = {
    authorization: headers.authorization as string,
    "x-amz-date": headers["x-amz-date"] as string,
    "x-amz-content-sha256": input.payloadHash,
  };
  const token = headers["x-amz-security-token"];
  if (token) result["x-amz-security-token"] = token;
  return result;
}
