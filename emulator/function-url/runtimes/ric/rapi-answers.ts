/**
 * The Runtime API's answers to the runtime, as the Runtime Interface Emulator renders them
 * (aws/aws-lambda-runtime-interface-emulator, commit 4fa2157, read 2026-12-07):
 * `internal/lambda/rapi/rendering/render_error.go` and `render_json.go` (a JSON body
 * `{"errorMessage","errorType"}` written by Go's json.Encoder, so it ends with a newline, content type
 * `application/json`), `internal/lambda/rapi/handler/constants.go` (the state transition message) and
 * `internal/lambda/core/runtime_state_names.go` (the state names).
 */
import { MAX_BUFFERED_RESPONSE_BYTES } from "../../../aws/lambda-limits.js";

export interface RapiAnswer {
  status: number;
  body: string;
}

function json(status: number, value: Record<string, string>): RapiAnswer {
  return { status, body: `${JSON.stringify(value)}\n` };
}

function error(status: number, errorType: string, errorMessage: string): RapiAnswer {
  return json(status, { errorMessage, errorType });
}

/** A posted response or error was taken (`RenderAccepted`). */
export function accepted(): RapiAnswer {
  return json(202, { status: "OK" });
}

/** An id that is not the invocation in flight (`RenderInvalidRequestID`). */
export function invalidRequestId(): RapiAnswer {
  return error(400, "InvalidRequestID", "Invalid request ID");
}

/** A response-mode header other than `streaming` (`RenderInvalidFunctionResponseMode`). */
export function invalidFunctionResponseMode(): RapiAnswer {
  return error(400, "InvalidFunctionResponseMode", "Invalid function response mode");
}

/**
 * A response past the invocation's limit (`RenderRequestEntityTooLarge`). The message always names
 * the buffered limit, 6291556 bytes, whatever limit was passed.
 */
export function requestEntityTooLarge(): RapiAnswer {
  return error(
    413,
    "RequestEntityTooLarge",
    `Exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
  );
}

/** The runtime's states that an answer can be refused in (`runtime_state_names.go`). */
export type RuntimeStateName =
  | "Started"
  | "Ready"
  | "Running"
  | "InvocationResponse"
  | "InvocationErrorResponse"
  | "RuntimeResponseSentState";

/** A response or error posted when the runtime's state does not allow it (`RenderForbiddenWithTypeMsg`). */
export function invalidStateTransition(
  from: RuntimeStateName,
  to: "InvocationResponse" | "InvocationErrorResponse",
): RapiAnswer {
  return error(
    403,
    "InvalidStateTransition",
    `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  );
}

/** The invocation's error when the runtime sent a bad response-mode header (`fatalerror.go`). */
export const INVALID_RESPONSE_MODE_ERROR_TYPE = "Runtime.InvalidResponseModeHeader";

/** A path outside the Runtime API: the emulator's own answer (RIE's router sends Go's plain 404 page). */
export function notPartOfTheApi(method: string, url: string): RapiAnswer {
  return error(404, "NotFound", `${method} ${url} is not part of the Runtime API`);
}
