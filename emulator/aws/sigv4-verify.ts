/**
 * Server-side SigV4 verification, as AWS services do it: first written for a Function URL with AuthType
 * AWS_IAM (docs/platform-facts.md#sigv4-at-a-function-url), shared with
 * every emulated service that checks SigV4; each gives its own wire form of the refusals
 * (`SigV4Answers`). Signatures come in the `Authorization` header or in a presigned URL's query. The canonical request is rebuilt by `../aws/sigv4-canonical.ts` from
 * the request as it arrived; AWS's published SigV4 test suite pins that code (sigv4-testsuite.test.ts).
 *
 * The payload hash is the SHA-256 of the body bytes that arrived: outside S3 the service hashes the body
 * itself, so `x-amz-content-sha256` is optional (botocore SigV4Auth, aws4 and aws4fetch send none); when
 * present it must equal that hash, and `UNSIGNED-PAYLOAD` is refused.
 *
 * @example
 * const result = await verifySigV4(
 *   { method: "POST", path: "/chatbot", query: "", headers: req.headersDistinct, body },
 *   credentialStoreFromConfig(config),
 *   { region: "us-east-1", service: "lambda", answers: FUNCTION_URL_SIGV4_ANSWERS },
 * );
 * if (!result.ok) console.log(result.reason, result.error.body);
 */
import { timingSafeEqual } from "node:crypto";
import type { AwsErrorResponse } from "./aws-error-response.js";
import {
  looksPresigned,
  type ParseFailure,
  parseAuthorizationHeader,
  parsePresignedQuery,
  queryParams,
  type SignatureParams,
  UNSIGNED_QUERY_PARAMS,
} from "./sigv4-auth-params.js";
import {
  ALGORITHM,
  canonicalRequest,
  credentialScope,
  EMPTY_BODY_SHA256,
  type HeaderValues,
  headerValues,
  sha256Hex,
  signatureOf,
  stringToSign,
} from "./sigv4-canonical.js";
import {
  HOST_NOT_SIGNED_MESSAGE,
  incompleteAuthorizationMessage,
  MISSING_DATE_MESSAGE,
  malformedCredentialMessage,
  PRESIGN_EXPIRES_MESSAGE,
  PRESIGN_PARAMETERS_MESSAGE,
  presignedExpiredMessage,
  SIGNATURE_MISMATCH_MESSAGE,
  signatureExpiredMessage,
  signatureNotYetCurrentMessage,
  TWO_AUTH_MECHANISMS_MESSAGE,
  wrongRegionMessage,
  wrongServiceMessage,
} from "./sigv4-messages.js";
import { parseAmzDate } from "./sigv4-time.js";

export { amzDate } from "./sigv4-time.js";

import type {
  KeyStore,
  SigningKey,
  SigV4Answers,
  SigV4FailureReason,
  SigV4Options,
  SigV4Request,
  SigV4Result,
} from "./sigv4-types.js";

export type {
  KeyStore,
  SigningKey,
  SigV4Answers,
  SigV4FailureReason,
  SigV4Options,
  SigV4Request,
  SigV4Result,
};

const FIVE_MINUTES_MS = 5 * 60 * 1000;

type Failure = Extract<SigV4Result, { ok: false }>;

function fail(reason: SigV4FailureReason, error: AwsErrorResponse): Failure {
  return { ok: false, reason, error };
}

function first(headers: HeaderValues, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signature parameters, from the header or the presigned query, or AWS's refusal. */
function readSignature(request: SigV4Request, a: SigV4Answers): SignatureParams | Failure {
  const authorization = first(request.headers, "authorization");
  const query = queryParams(request.query);
  const presigned = looksPresigned(query);
  // An unsigned call to an AWS_IAM URL gets the generic Forbidden answer (recorded against AWS).
  if (authorization === undefined && !presigned)
    return fail("missing-authorization", a.missingAuthentication());
  if (authorization !== undefined && presigned) {
    return fail("two-auth-mechanisms", a.incompleteSignature(TWO_AUTH_MECHANISMS_MESSAGE));
  }
  const parsed =
    authorization !== undefined ? parseAuthorizationHeader(authorization) : parsePresignedQuery(query);
  if (!("kind" in parsed)) return parsed;
  return parseFailure(parsed, authorization !== undefined, request.headers, a);
}

function parseFailure(
  failure: ParseFailure,
  viaHeader: boolean,
  headers: HeaderValues,
  a: SigV4Answers,
): Failure {
  switch (failure.kind) {
    // Assumption: a scheme other than AWS4-HMAC-SHA256 is answered like an unsigned call.
    case "algorithm":
      return fail("unsupported-algorithm", a.missingAuthentication());
    case "credential":
      return fail("malformed-authorization", a.incompleteSignature(malformedCredentialMessage(ALGORITHM)));
    case "expires":
      return fail("presign-expires-invalid", a.incompleteSignature(PRESIGN_EXPIRES_MESSAGE));
    case "missing": {
      if (!viaHeader)
        return fail("malformed-authorization", a.incompleteSignature(PRESIGN_PARAMETERS_MESSAGE));
      const dateMissing = first(headers, "x-amz-date") === undefined;
      return fail(
        "malformed-authorization",
        a.incompleteSignature(incompleteAuthorizationMessage(failure.missing, dateMissing, ALGORITHM)),
      );
    }
  }
}

/** Scope, key, token, date and skew checks, in the order AWS reports them. */
function checkContext<C extends SigningKey>(
  request: SigV4Request,
  sig: SignatureParams,
  store: KeyStore<C>,
  options: SigV4Options,
): { credential: C; dateText: string; signedAt: number } | Failure {
  const a = options.answers;
  if (sig.scopeRegion !== options.region) {
    return fail("wrong-region", a.invalidSignature(wrongRegionMessage(sig.scopeRegion)));
  }
  if (sig.scopeService !== options.service) {
    return fail("wrong-service", a.invalidSignature(wrongServiceMessage(options.service)));
  }
  const credential = store.find(sig.accessKeyId);
  if (!credential) return fail("unknown-access-key", a.unrecognizedClient());

  const token = sig.via === "query" ? sig.sessionToken : first(request.headers, "x-amz-security-token");
  if (token !== credential.sessionToken) return fail("invalid-security-token", a.unrecognizedClient());

  const dateText = sig.via === "query" ? sig.amzDate : first(request.headers, "x-amz-date");
  const signedAt = dateText === undefined ? undefined : parseAmzDate(dateText);
  // Assumption: only X-Amz-Date is read; an RFC 1123 `Date` header alone is refused (harsher than AWS may be).
  if (dateText === undefined || signedAt === undefined) {
    return fail("missing-date", a.incompleteSignature(MISSING_DATE_MESSAGE));
  }
  if (dateText.slice(0, 8) !== sig.scopeDate) {
    return fail(
      "date-scope-mismatch",
      a.invalidSignature(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${sig.scopeDate}' != '${dateText.slice(0, 8)}', from '${dateText}'.`,
      ),
    );
  }
  const now = options.now ?? Date.now();
  const skew = options.maxSkewMs ?? FIVE_MINUTES_MS;
  if (signedAt > now + skew) {
    return fail(
      "signature-not-yet-current",
      a.invalidSignature(signatureNotYetCurrentMessage(dateText, now, skew)),
    );
  }
  if (sig.expiresSeconds !== undefined) {
    if (now > signedAt + sig.expiresSeconds * 1000) {
      return fail(
        "signature-expired",
        a.invalidSignature(presignedExpiredMessage(dateText, now, sig.expiresSeconds)),
      );
    }
  } else if (signedAt < now - skew) {
    return fail("signature-expired", a.invalidSignature(signatureExpiredMessage(dateText, now, skew)));
  }
  return { credential, dateText, signedAt };
}

/** The body hash the service signs over, or the refusal when the caller claimed another. */
function payloadHash(request: SigV4Request, sig: SignatureParams, a: SigV4Answers): string | Failure {
  const actual = request.body.byteLength === 0 ? EMPTY_BODY_SHA256 : sha256Hex(request.body);
  const claimed =
    first(request.headers, "x-amz-content-sha256") ??
    (sig.via === "query" ? queryParams(request.query).get("X-Amz-Content-Sha256") : undefined);
  // Assumption: each payload failure answers with the signature-mismatch text, because Lambda signs
  // over the hash it computes itself (re:Post QUPuq7VvHJRwWxVA3XJIgNKQ got exactly that text).
  if (claimed === "UNSIGNED-PAYLOAD")
    return fail("unsigned-payload", a.invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  if (claimed !== undefined && claimed.toLowerCase() !== actual) {
    return fail("payload-hash-mismatch", a.invalidSignature(SIGNATURE_MISMATCH_MESSAGE));
  }
  return actual;
}

/**
 * Verifies a SigV4-signed request against a local credential store.
 * Never throws for a bad request; every refusal comes back as a typed reason plus AWS's answer.
 */
export async function verifySigV4<C extends SigningKey>(
  request: SigV4Request,
  store: KeyStore<C>,
  options: SigV4Options,
): Promise<SigV4Result<C>> {
  const a = options.answers;
  const sig = readSignature(request, a);
  if ("ok" in sig) return sig;
  const named = (failure: Failure): Failure => ({ ...failure, accessKeyId: sig.accessKeyId });
  const context = checkContext(request, sig, store, options);
  if ("ok" in context) return named(context);

  if (!sig.signedHeaders.includes("host")) {
    return named(fail("host-not-signed", a.incompleteSignature(HOST_NOT_SIGNED_MESSAGE)));
  }
  // Assumption: an unsigned x-amz-date header is reported as a signature mismatch.
  if (sig.via === "header" && !sig.signedHeaders.includes("x-amz-date")) {
    return named(fail("date-not-signed", a.invalidSignature(SIGNATURE_MISMATCH_MESSAGE)));
  }
  // Built over the hash of the body that arrived, which is what the service signs over; kept with a
  // payload refusal too, so a developer can diff it against their client's.
  const scope = credentialScope(sig.scopeDate, sig.scopeRegion, sig.scopeService);
  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    signedHeaders: sig.signedHeaders,
    payloadHash: request.body.byteLength === 0 ? EMPTY_BODY_SHA256 : sha256Hex(request.body),
    omitQuery: sig.via === "query" ? UNSIGNED_QUERY_PARAMS : undefined,
  });
  const toSign = stringToSign(context.dateText, scope, canonical);
  const signing = { canonicalRequest: canonical, stringToSign: toSign };
  const hash = payloadHash(request, sig, options.answers);
  if (typeof hash !== "string") return { ...named(hash), signing };

  const expected = signatureOf(
    context.credential.secretAccessKey,
    sig.scopeDate,
    sig.scopeRegion,
    sig.scopeService,
    toSign,
  );
  if (!sameHex(expected, sig.signature)) {
    return { ...named(fail("signature-mismatch", a.invalidSignature(SIGNATURE_MISMATCH_MESSAGE))), signing };
  }
  return {
    ok: true,
    credential: context.credential,
    accessKeyId: sig.accessKeyId,
    signedHeaders: sig.signedHeaders,
    signingDate: new Date(context.signedAt),
    via: sig.via,
  };
}
