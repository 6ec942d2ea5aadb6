/** What the SigV4 verifier (sigv4-verify.ts) takes and answers. */

import type { HeaderValues } from "../aws/sigv4-canonical.js";
import type { LocalCredential } from "../config/types.js";
import type { AwsErrorResponse } from "./aws-errors.js";

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

export type SigV4Result =
  | {
      ok: true;
      credential: LocalCredential;
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
