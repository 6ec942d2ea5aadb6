/** What the SigV4 verifier (sigv4-verify.ts) takes and answers. */

import type { AwsErrorResponse } from "./aws-error-response.js";
import type { HeaderValues } from "./sigv4-canonical.js";

/** The part of a local principal the verifier reads: its keys. */
export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Local IAM as the verifier sees it: who owns an access key. */
export interface KeyStore<C extends SigningKey = SigningKey> {
  find(accessKeyId: string): C | undefined;
}

/**
 * A service's answers to the failures SigV4 can have, in its own wire form (each service that checks
 * SigV4 writes its errors its own way: a Function URL's JSON, an AWS JSON protocol `__type` body).
 */
export interface SigV4Answers {
  /** No signature at all (neither an Authorization header nor a presigned query). */
  missingAuthentication(): AwsErrorResponse;
  /** A signature that cannot be read (`IncompleteSignatureException`). */
  incompleteSignature(message: string): AwsErrorResponse;
  /** A signature that is wrong, expired, not yet valid, or scoped elsewhere (`InvalidSignatureException`). */
  invalidSignature(message: string): AwsErrorResponse;
  /** An access key or session token the service does not know (`UnrecognizedClientException`). */
  unrecognizedClient(): AwsErrorResponse;
}

export interface SigV4Request {
  method: string;
  /** The path exactly as it came on the request line (still percent-encoded), without the query. */
  path: string;
  /** The raw query string without `?` ("" when none). */
  query: string;
  /** Header names in any case; a repeated header as an array of its values in arrival order. */
  headers: HeaderValues;
  body: Uint8Array;
}

export interface SigV4Options {
  region: string;
  service: string;
  /** How the service answers each failure. */
  answers: SigV4Answers;
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?: number;
  /** Allowed clock skew; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

export type SigV4FailureReason =
  | "missing-authorization"
  | "malformed-authorization"
  | "unsupported-algorithm"
  | "two-auth-mechanisms"
  | "wrong-region"
  | "wrong-service"
  | "unknown-access-key"
  | "invalid-security-token"
  | "missing-date"
  | "date-scope-mismatch"
  | "signature-expired"
  | "signature-not-yet-current"
  | "presign-expires-invalid"
  | "host-not-signed"
  | "date-not-signed"
  | "unsigned-payload"
  | "payload-hash-mismatch"
  | "signature-mismatch";

export type SigV4Result<C extends SigningKey = SigningKey> =
  | {
      ok: true;
      credential: C;
      accessKeyId: string;
      signedHeaders: string[];
      signingDate: Date;
      /** Where the signature came from: the Authorization header or a presigned URL's query. */
      via: "header" | "query";
    }
  | {
      ok: false;
      reason: SigV4FailureReason;
      error: AwsErrorResponse;
      /** The access key id the request named, once its signature parameters could be read. */
      accessKeyId?: string;
      /** What the verifier signed over, once it got that far (logged at debug level: sigv4-log.ts). */
      signing?: { canonicalRequest: string; stringToSign: string };
    };
