/**
 * The Function URL's own error answers (before the function runs), with AWS's wire texts.
 * Source: docs/platform-facts.md#function-url-errors (LocalStack snapshots recorded against AWS, 2025-11)
 * and the IAM user guide's signature-v4-troubleshooting page for the SigV4 texts.
 */

import type { AwsErrorResponse } from "../aws/aws-error-response.js";
import { INVALID_TOKEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from "../aws/sigv4-messages.js";

export type { AwsErrorResponse };
export { INVALID_TOKEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE };

export const FORBIDDEN_MESSAGE =
  "Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";

/**
 * Request payload limit of an invocation: 6 MB, measured on the invocation payload (the event JSON),
 * not the raw body (docs/platform-facts.md#function-url-request-limit). 6,291,456 bytes is what the Invoke
 * API names when refusing ("Request must be smaller than 6291456 bytes for the InvokeFunction
 * operation", recorded by Zac Charles, "Deep Dive: Lambda's Request Payload Size Limit (2/2)", 2022).
 */
export const MAX_INVOCATION_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** A raw body over the limit always makes an event over the limit (JSON and base64 only grow it). */
export const MAX_REQUEST_BODY_BYTES = MAX_INVOCATION_PAYLOAD_BYTES;

/** AWS's own words in one of these answers: the `Message`/`message` of its JSON body (the body's start otherwise). */
export function awsMessage(error: AwsErrorResponse): string {
  try {
    const parsed = JSON.parse(error.body) as { Message?: unknown; message?: unknown };
    const message = parsed.Message ?? parsed.message;
    return typeof message === "string" ? message : error.body.slice(0, 200);
  } catch {
    return error.body.slice(0, 200);
  }
}

function json(status: number, errorType: string | undefined, body: unknown): AwsErrorResponse {
  return { status, errorType, contentType: "application/json", body: JSON.stringify(body) };
}

/** Not signed, no permission, or denied by the resource policy (recorded against AWS). */
export function accessDenied(): AwsErrorResponse {
  return json(403, "AccessDeniedException", { Message: FORBIDDEN_MESSAGE });
}

/** A `*.lambda-url.*.on.aws` host with no such url-id: 403 `{"Message":null}` (recorded against AWS). */
export function unknownFunctionUrl(): AwsErrorResponse {
  // Assumption: the header AWS sends with this body is not recorded; none is sent.
  return json(403, undefined, { Message: null });
}

/** SigV4 failures answer with a lower-case `message` (recorded: bad signature). */
export function invalidSignature(message: string): AwsErrorResponse {
  return json(403, "InvalidSignatureException", { message });
}

/** Assumption: malformed Authorization headers use the IncompleteSignatureException type, as other AWS JSON APIs do. */
export function incompleteSignature(message: string): AwsErrorResponse {
  return json(403, "IncompleteSignatureException", { message });
}

/** Assumption: an unknown access key or session token answers like other AWS JSON APIs. */
export function unrecognizedClient(): AwsErrorResponse {
  return json(403, "UnrecognizedClientException", { message: INVALID_TOKEN_MESSAGE });
}

/**
 * Throttled (docs/platform-facts.md#function-url-throttling: HTTP 429). Assumption: body and error type text.
 */
export function throttled(): AwsErrorResponse {
  return json(429, "TooManyRequestsException", { Message: "Rate Exceeded." });
}

/**
 * Invocation payload over 6 MB. The message is the Invoke API's recorded text (see
 * MAX_INVOCATION_PAYLOAD_BYTES). Assumption: a Function URL answers it with status 413 and that error
 * type; no Function URL answer is recorded.
 */
export function payloadTooLarge(): AwsErrorResponse {
  return json(413, "RequestEntityTooLargeException", {
    Message: `Request must be smaller than ${MAX_INVOCATION_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
  });
}

/** A function error before any byte was streamed: 502 `Internal Server Error` (buffered-mode answer). */
export function functionError(): AwsErrorResponse {
  // Assumption: plain text content type; only the status and body text are recorded
  // (docs/platform-facts.md#function-url-errors).
  return { status: 502, contentType: "text/plain", body: "Internal Server Error" };
}
