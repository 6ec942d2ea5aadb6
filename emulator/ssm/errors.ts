/**
 * Errors of the emulated SSM, in one place, in the wire form of the AWS JSON 1.1 protocol SSM speaks
 * (the service model in @aws-sdk/client-ssm: `AwsJson1_1Protocol`): a status, the type in `__type`
 * (and the `x-amzn-ErrorType` header: Assumption, as the local Cognito sends it), a lower-case `message`.
 *
 * Recorded against AWS: `ParameterNotFound` is HTTP 400 with no message (LocalStack's AWS-validated
 * snapshots `tests/aws/services/cloudformation/resources/test_ssm.snapshot.json` and
 * `api/test_changesets.snapshot.json`, 2025: `"Message": ""`, `HTTPStatusCode: 400`); an identity-policy
 * refusal is HTTP 400 `AccessDeniedException` whose text is IAM's "User: ... is not authorized to
 * perform: ..." (github-aws-runners/terraform-aws-github-runner#1279, 2021: the JS SDK v3 error
 * with `__type: 'AccessDeniedException'`, `httpStatusCode: 400` and the text as its message; the
 * "because no identity-based policy allows" ending in later recordings: `accessDeniedMessage` in
 * aws/iam-policy.ts).
 */
import type { AwsErrorResponse } from "../aws/aws-error-response.js";
import { AMZ_JSON, JsonProtocolNotEmulatedError } from "../aws/json-protocol.js";
import { INVALID_TOKEN_MESSAGE } from "../aws/sigv4-messages.js";
import type { SigV4Answers } from "../aws/sigv4-types.js";
import type { ErrorAnswer } from "../stack/http-service.js";

export type SsmErrorType =
  | "ParameterNotFound"
  | "AccessDeniedException"
  | "ValidationException"
  | "SerializationException"
  | "UnknownOperationException"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "InternalServerError";

export class SsmError extends Error {
  constructor(
    readonly type: SsmErrorType,
    /** Undefined sends no `message` (ParameterNotFound, as recorded). */
    readonly text: string | undefined,
    readonly status = 400,
  ) {
    super(text ?? type);
    this.name = type;
  }
}

/** A real SSM operation or option this emulator does not implement: 501 `NotEmulatedException`. */
export class SsmNotEmulatedError extends JsonProtocolNotEmulatedError {
  constructor(what: string, hint?: string) {
    super("ssm", what, hint);
  }
}

/** A refusal already in wire form (the SigV4 verifier's, through SSM_SIGV4_ANSWERS). */
export class SsmRefusal extends Error {
  constructor(readonly response: AwsErrorResponse) {
    super(response.errorType ?? String(response.status));
    this.name = "SsmRefusal";
  }
}

function wire(status: number, type: string, message: string | undefined): AwsErrorResponse {
  const body = message === undefined ? { __type: type } : { __type: type, message };
  return { status, errorType: type, contentType: AMZ_JSON, body: JSON.stringify(body) };
}

/** An answer of SSM's own: an AWS error, a refusal in wire form, or a gap of the emulator (501). */
export function isSsmAnswer(error: unknown): error is SsmRefusal | SsmError | SsmNotEmulatedError {
  return error instanceof SsmRefusal || error instanceof SsmError || error instanceof SsmNotEmulatedError;
}

/** An answer of SSM's own, as it goes on the wire. */
export function toWireError(error: SsmRefusal | SsmError | SsmNotEmulatedError): AwsErrorResponse {
  if (error instanceof SsmRefusal) return error.response;
  if (error instanceof SsmError) return wire(error.status, error.type, error.text);
  return wire(error.status, error.type, error.message);
}

/**
 * SSM's generic failure (service model: InternalServerError, HTTP 500), the answer to a fault of the
 * emulator (stack/http-service.ts), without internals.
 */
export function internalError(): ErrorAnswer {
  const { status, errorType, contentType, body } = wire(
    500,
    "InternalServerError",
    "Internal error in the local SSM emulator.",
  );
  return { status, headers: { "content-type": contentType, "x-amzn-errortype": errorType }, body };
}

/**
 * SigV4 refusals in SSM's form. Statuses from the API reference's "Common Errors" page (the one every
 * service shares, read 2026-12-07: IncompleteSignature 400, MissingAuthenticationToken 403); a wrong
 * signature is 400 `InvalidSignatureException` in the AWS JSON services (recorded for DynamoDB:
 * `com.amazon.coral.service#InvalidSignatureException`, 400, in "DynamoDB Applied Design Patterns",
 * Packt, "Error handling"). Assumption: the JSON protocol's type names (`...Exception`), an unknown key
 * as 400 `UnrecognizedClientException` (as DynamoDB), and the unsigned call's text (API Gateway's).
 * The signature texts are the shared ones (aws/sigv4-messages.ts).
 */
export const SSM_SIGV4_ANSWERS: SigV4Answers = {
  missingAuthentication: () =>
    wire(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
  incompleteSignature: (message) => wire(400, "IncompleteSignatureException", message),
  invalidSignature: (message) => wire(400, "InvalidSignatureException", message),
  unrecognizedClient: () => wire(400, "UnrecognizedClientException", INVALID_TOKEN_MESSAGE),
};
