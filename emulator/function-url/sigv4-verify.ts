/**
 * Server-side SigV4 verification, as a Function URL with AuthType AWS_IAM does it
 * (aws-facts "AWS_IAM on a Function URL"; texts from the IAM user guide, signature-v4-troubleshooting).
 *
 * The signature is recomputed for real with the AWS SDK's own signer (`@smithy/signature-v4`) over
 * exactly the headers the request lists in `SignedHeaders`, with the SHA-256 of the body bytes that
 * actually arrived as the payload hash, so a body swapped after hashing never verifies.
 *
 * @example
 * const result = await verifySigV4(
 *   { method: "POST", path: "/chatbot", query: "", headers, body },
 *   credentialStoreFromConfig(config),
 *   { region: "us-east-1", service: "lambda" },
 * );
 * if (!result.ok) console.log(result.reason, result.error.body);
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { LocalCredential } from "../config/types.js";
import {
  type AwsErrorResponse,
  accessDenied,
  incompleteSignature,
  invalidSignature,
  SIGNATURE_MISMATCH_MESSAGE,
  unrecognizedClient,
} from "./aws-errors.js";
import type { CredentialStore } from "./credential-store.js";

export interface SigV4Request {
  method: string;
  /** The path exactly as it came on the request line (still percent-encoded), without the query. */
  path: string;
  /** The raw query string without `?` ("" when none). */
  query: string;
  /** Header names in any case; arrays are joined with "," as SigV4 canonicalisation does. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface SigV4Options {
  region: string;
  service: string;
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?: number;
  /** Allowed clock skew; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

export type SigV4FailureReason =
  | "missing-authorization"
  | "malformed-authorization"
  | "unsupported-algorithm"
  | "wrong-region"
  | "wrong-service"
  | "unknown-access-key"
  | "invalid-security-token"
  | "missing-date"
  | "date-scope-mismatch"
  | "signature-expired"
  | "signature-not-yet-current"
  | "host-not-signed"
  | "date-not-signed"
  | "unsigned-payload"
  | "payload-hash-missing"
  | "payload-hash-mismatch"
  | "signature-mismatch";

export type SigV4Result =
  | {
      ok: true;
      credential: LocalCredential;
      accessKeyId: string;
      signedHeaders: string[];
      signingDate: Date;
    }
  | { ok: false; reason: SigV4FailureReason; error: AwsErrorResponse };

export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ALGORITHM = "AWS4-HMAC-SHA256";
const FIVE_MINUTES_MS = 5 * 60 * 1000;

interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  signedHeaders: string[];
  signature: string;
}

function fail(reason: SigV4FailureReason, error: AwsErrorResponse): SigV4Result {
  return { ok: false, reason, error };
}

function headerValue(headers: SigV4Request["headers"], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return Array.isArray(value) ? value.join(",") : value;
  }
  return undefined;
}

/** `20260101T000000Z`, the form AWS quotes in its skew messages. */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function parseAuthorization(value: string): ParsedAuthorization | { missing: string[] } | "algorithm" {
  const space = value.indexOf(" ");
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) return "algorithm";
  const params = new Map<string, string>();
  for (const part of value.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = params.get("Credential");
  const signedHeaders = params.get("SignedHeaders");
  const signature = params.get("Signature");
  const missing = [
    credential ? undefined : "Credential",
    signature ? undefined : "Signature",
    signedHeaders ? undefined : "SignedHeaders",
  ].filter((x): x is string => x !== undefined);
  if (missing.length > 0 || !credential || !signedHeaders || !signature) return { missing };
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") return { missing: ["Credential"] };
  return {
    accessKeyId: scope[0] ?? "",
    scopeDate: scope[1] ?? "",
    scopeRegion: scope[2] ?? "",
    scopeService: scope[3] ?? "",
    signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature,
  };
}

/** Decoded query parameters in the shape the smithy signer canonicalises (it re-encodes them). */
function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (raw === "") return query;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(pair.slice(eq + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a SigV4 `Authorization` header against a local credential store.
 * Never throws for a bad request; every refusal comes back as a typed reason plus AWS's answer.
 */
export async function verifySigV4(
  request: SigV4Request,
  store: CredentialStore,
  options: SigV4Options,
): Promise<SigV4Result> {
  const now = options.now ?? Date.now();
  const maxSkew = options.maxSkewMs ?? FIVE_MINUTES_MS;

  const authorization = headerValue(request.headers, "authorization");
  // An unsigned call to an AWS_IAM URL gets the generic Forbidden answer (recorded against AWS).
  if (authorization === undefined) return fail("missing-authorization", accessDenied());

  const parsed = parseAuthorization(authorization);
  if (parsed === "algorithm") return fail("unsupported-algorithm", accessDenied());
  if ("missing" in parsed) {
    const text = parsed.missing.map((p) => `Authorization header requires '${p}' parameter.`).join(" ");
    return fail("malformed-authorization", incompleteSignature(`${text} Authorization=${ALGORITHM}`));
  }

  if (parsed.scopeRegion !== options.region) {
    return fail("wrong-region", invalidSignature("Credential should be scoped to a valid Region. "));
  }
  if (parsed.scopeService !== options.service) {
    return fail(
      "wrong-service",
      invalidSignature(`Credential should be scoped to correct service: '${options.service}'. `),
    );
  }

  const credential = store.find(parsed.accessKeyId);
  if (!credential) return fail("unknown-access-key", unrecognizedClient());

  const sessionToken = headerValue(request.headers, "x-amz-security-token");
  if (credential.sessionToken !== undefined && sessionToken !== credential.sessionToken) {
    return fail("invalid-security-token", unrecognizedClient());
  }
  if (credential.sessionToken === undefined && sessionToken !== undefined) {
    return fail("invalid-security-token", unrecognizedClient());
  }

  const dateHeader = headerValue(request.headers, "x-amz-date");
  const signedAt = dateHeader === undefined ? undefined : parseAmzDate(dateHeader);
  if (dateHeader === undefined || signedAt === undefined) {
    return fail(
      "missing-date",
      incompleteSignature(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      ),
    );
  }
  if (dateHeader.slice(0, 8) !== parsed.scopeDate) {
    return fail(
      "date-scope-mismatch",
      invalidSignature(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${dateHeader.slice(0, 8)}', from '${dateHeader}'.`,
      ),
    );
  }
  // 5-minute skew, with AWS's message texts (IAM user guide, signature-v4-troubleshooting).
  if (signedAt < now - maxSkew) {
    return fail(
      "signature-expired",
      invalidSignature(
        `Signature expired: ${dateHeader} is now earlier than ${amzDate(now - maxSkew)} (${amzDate(now)} - 5 min.)`,
      ),
    );
  }
  if (signedAt > now + maxSkew) {
    return fail(
      "signature-not-yet-current",
      invalidSignature(
        `Signature not yet current: ${dateHeader} is still later than ${amzDate(now + maxSkew)} (${amzDate(now)} + 5 min.)`,
      ),
    );
  }

  if (!parsed.signedHeaders.includes("host")) {
    return fail(
      "host-not-signed",
      incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
    );
  }
  // Assumption: an unsigned x-amz-date is reported as a signature mismatch.
  if (!parsed.signedHeaders.includes("x-amz-date")) {
    return fail("date-not-signed", invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }

  // The payload hash is part of the canonical request and is checked against the bytes that arrived.
  // Assumption: each payload failure answers with the signature-mismatch text, because Lambda signs
  // over the hash it computes itself.
  const claimedHash = headerValue(request.headers, "x-amz-content-sha256");
  const actualHash =
    request.body.byteLength === 0
      ? EMPTY_BODY_SHA256
      : createHash("sha256").update(request.body).digest("hex");
  if (claimedHash === "UNSIGNED-PAYLOAD") {
    return fail("unsigned-payload", invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }
  if (claimedHash === undefined && request.body.byteLength > 0) {
    return fail("payload-hash-missing", invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }
  if (claimedHash !== undefined && claimedHash.toLowerCase() !== actualHash) {
    return fail("payload-hash-mismatch", invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }

  // Rebuild the request with exactly the signed headers, then let the SDK's signer compute the signature.
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = name === "x-amz-content-sha256" ? actualHash : headerValue(request.headers, name);
    headers[name] = value ?? "";
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      // Only a signed token may be re-added by the signer, or the header sets would differ.
      ...(parsed.signedHeaders.includes("x-amz-security-token") && credential.sessionToken
        ? { sessionToken: credential.sessionToken }
        : {}),
    },
    region: parsed.scopeRegion,
    service: parsed.scopeService,
    sha256: Sha256,
    applyChecksum: false,
  });
  const toSign = new HttpRequest({
    method: request.method.toUpperCase(),
    protocol: "https:",
    hostname: headers.host ?? "",
    path: request.path,
    query: parseQuery(request.query),
    headers: { ...headers, "x-amz-content-sha256": actualHash },
    body: request.body,
  });
  if (!parsed.signedHeaders.includes("x-amz-content-sha256")) {
    // The signer reads the payload hash from this header; keep it out of the canonical headers.
    toSign.headers = headers;
  }
  const signed = await signer.sign(toSign, {
    signingDate: new Date(signedAt),
    signableHeaders: new Set(parsed.signedHeaders),
  });
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  if (!sameHex(expected, parsed.signature)) {
    return fail("signature-mismatch", invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }
  return {
    ok: true,
    credential,
    accessKeyId: parsed.accessKeyId,
    signedHeaders: parsed.signedHeaders,
    signingDate: new Date(signedAt),
  };
}
