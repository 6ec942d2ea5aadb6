/**
 * Errors of the emulated Cognito IdP API, in one place (house style: cognito-local).
 *
 * Wire form, as the AWS JSON 1.1 protocol and Cognito send it: status 400, header
 * `x-amzn-ErrorType: <Type>`, body `{"__type":"<Type>","message":"..."}` (Cognito API reference,
 * "Common errors" and each operation's "Errors" section).
 */
import { AMZ_JSON, JsonProtocolNotEmulatedError } from "../aws/json-protocol.js";
import type { ErrorAnswer } from "../stack/http-service.js";

export type CognitoErrorType =
  | "NotAuthorizedException"
  | "UserNotFoundException"
  | "InvalidParameterException"
  | "ResourceNotFoundException"
  | "UnsupportedTokenTypeException"
  | "SerializationException"
  | "UnknownOperationException";

export class CognitoError extends Error {
  readonly status: number = 400;
  constructor(
    readonly type: CognitoErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** A real Cognito operation (or flow) that this emulator does not implement: 501 `NotEmulatedException`. */
export class NotEmulatedError extends JsonProtocolNotEmulatedError {
  constructor(what: string, hint?: string) {
    super("cognito", what, hint);
  }
}

export const notAuthorized = (message: string) => new CognitoError("NotAuthorizedException", message);
export const invalidParameter = (message: string) => new CognitoError("InvalidParameterException", message);

/** An answer of Cognito's own: an AWS error type, or a gap of the emulator (501). */
export function isCognitoAnswer(err: unknown): err is CognitoError | NotEmulatedError {
  return err instanceof CognitoError || err instanceof NotEmulatedError;
}

/** Maps an answer of Cognito's own to the wire status and body. */
export function toWireError(err: CognitoError | NotEmulatedError): {
  status: number;
  type: string;
  body: { __type: string; message: string };
} {
  return { status: err.status, type: err.type, body: { __type: err.type, message: err.message } };
}

/**
 * Cognito's generic failure, the answer to a fault of the emulator (stack/http-service.ts): InternalErrorException,
 * HTTP 500 (Cognito API reference, each operation's "Errors" section, e.g. GetUser, InitiateAuth), no internals.
 */
export function internalError(): ErrorAnswer {
  const type = "InternalErrorException";
  return {
    status: 500,
    headers: { "content-type": AMZ_JSON, "x-amzn-errortype": type },
    body: JSON.stringify({ __type: type, message: "Internal error in the local Cognito emulator." }),
  };
}
