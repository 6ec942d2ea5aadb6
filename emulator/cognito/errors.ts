/**
 * Errors of the emulated Cognito IdP API, in one place (house style: cognito-local).
 *
 * Wire form, as the AWS JSON 1.1 protocol and Cognito send it: status 400, header
 * `x-amzn-ErrorType: <Type>`, body `{"__type":"<Type>","message":"..."}` (Cognito API reference,
 * "Common errors" and each operation's "Errors" section).
 */
import { JsonProtocolNotEmulatedError } from "../aws/json-protocol.js";

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

/** Maps any thrown value to the wire status and body; unknown failures become 500 without internals. */
export function toWireError(err: unknown): {
  status: number;
  type: string;
  body: { __type: string; message: string };
} {
  if (err instanceof CognitoError || err instanceof NotEmulatedError) {
    return { status: err.status, type: err.type, body: { __type: err.type, message: err.message } };
  }
  // Cognito's generic failure: InternalErrorException, HTTP 500 (Cognito API reference, each operation's
  // "Errors" section, e.g. GetUser, InitiateAuth).
  return {
    status: 500,
    type: "InternalErrorException",
    body: { __type: "InternalErrorException", message: "Internal error in the local Cognito emulator." },
  };
}
