/**
 * What the Runtime API does with a runtime's answer (`POST invocation/<id>/response|error`): the
 * checks RIE makes before taking it, then the response read as it streams (or at once), its limit
 * enforced, and the events the container learns it from. Answers: rapi-answers.ts.
 */
import type http from "node:http";
import type { ErrorInfo } from "../../containers/platform-types.js";
import {
  accepted,
  INVALID_RESPONSE_MODE_ERROR_TYPE,
  invalidFunctionResponseMode,
  invalidRequestId,
  invalidStateTransition,
  type RapiAnswer,
  type RuntimeStateName,
  requestEntityTooLarge,
} from "./rapi-answers.js";
import type { RuntimeEvent } from "./runtime-api-server.js";

/** RIC's streaming response headers and trailers (`stream/constants`). */
const HEADER_RESPONSE_MODE = "lambda-runtime-function-response-mode";
const TRAILER_ERROR_TYPE = "lambda-runtime-function-error-type";
const TRAILER_ERROR_BODY = "lambda-runtime-function-error-body";

type Emit = (event: RuntimeEvent) => void;

/** RIE's runtime state (`core/states.go`), and the invocation handed out last. */
export interface RuntimeStatus {
  state: RuntimeStateName;
  current?: string;
}

function parseErrorBody(raw: string, fallbackType: string | undefined): ErrorInfo {
  try {
    const parsed = JSON.parse(raw) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown };
    return {
      errorType: typeof parsed.errorType === "string" ? parsed.errorType : (fallbackType ?? "Unknown"),
      errorMessage: typeof parsed.errorMessage === "string" ? parsed.errorMessage : "",
      stack: Array.isArray(parsed.trace) ? parsed.trace.map(String) : undefined,
    };
  } catch {
    return { errorType: fallbackType ?? "Unknown", errorMessage: raw };
  }
}

export function answer(res: http.ServerResponse, reply: RapiAnswer): void {
  res.writeHead(reply.status, { "content-type": "application/json" });
  res.end(reply.body);
}

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** An error the runtime posted (`init/error`, `invocation/<id>/error`), its type in the error-type header. */
export async function postedError(req: http.IncomingMessage, res: http.ServerResponse): Promise<ErrorInfo> {
  const body = await readAll(req);
  answer(res, accepted());
  const header = req.headers[TRAILER_ERROR_TYPE];
  return parseErrorBody(body.toString("utf8"), typeof header === "string" ? header : undefined);
}

/**
 * A streamed `POST invocation/<id>/response`: its chunks as they come, then its end with the error
 * trailers. Past `maxBytes` the copy stops one byte over the limit, the runtime gets 413 and the
 * response is over (RIE `directinvoke.go` asyncPayloadCopy, `invocationresponse.go`).
 */
function receiveStream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: { requestId: string; maxBytes: number; emit: Emit; answered: () => void },
): void {
  const { requestId, maxBytes, emit } = ctx;
  let received = 0;
  let over = false;
  const contentType = String(req.headers["content-type"] ?? "application/octet-stream");
  emit({ type: "stream-start", requestId, contentType });
  req.on("data", (data: Buffer) => {
    if (over) return;
    const room = maxBytes + 1 - received;
    received += Math.min(data.byteLength, room);
    emit({ type: "stream-chunk", requestId, data: data.byteLength > room ? data.subarray(0, room) : data });
    if (received <= maxBytes) return;
    over = true;
    answer(res, requestEntityTooLarge());
    ctx.answered();
    emit({ type: "stream-end", requestId });
  });
  req.on("end", () => {
    if (over) return;
    // Trailers are known only once the body has ended (RIC adds them in `fail` before `end`).
    const type = req.trailers[TRAILER_ERROR_TYPE];
    const body = req.trailers[TRAILER_ERROR_BODY];
    const error =
      type || body ? parseErrorBody(Buffer.from(body ?? "", "base64").toString("utf8"), type) : undefined;
    answer(res, accepted());
    ctx.answered();
    emit({ type: "stream-end", requestId, error });
  });
  // The runtime's connection broke mid-stream (its process died): the platform notices the exit.
  req.on("error", () => {});
}

/** A buffered `POST invocation/<id>/response`; in a streaming invocation it is held to the same limit. */
function receiveBuffered(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: { requestId: string; maxBytes: number; emit: Emit; answered: () => void },
): void {
  const contentType = String(req.headers["content-type"] ?? "application/octet-stream");
  void readAll(req).then((body) => {
    answer(res, body.byteLength > ctx.maxBytes ? requestEntityTooLarge() : accepted());
    ctx.answered();
    ctx.emit({ type: "buffered", requestId: ctx.requestId, body, contentType });
  });
}

/**
 * `POST invocation/<id>/response|error`, in RIE's order: the state first (403 when an answer was
 * already posted), then the id (400 when it is not the invocation in flight), then the response mode
 * (`rapi/handler/invocationresponse.go`, `invocationerror.go`).
 */
export function receiveAnswer(
  status: RuntimeStatus,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  args: { requestId: string; kind: string; maxBytes: number; emit: Emit },
): void {
  const { requestId, kind, maxBytes, emit } = args;
  const to = kind === "response" ? "InvocationResponse" : "InvocationErrorResponse";
  if (status.state !== "Running") {
    req.resume();
    answer(res, invalidStateTransition(status.state, to));
    return;
  }
  if (requestId !== status.current) {
    req.resume();
    // RIE leaves the runtime in the answering state after this refusal; here it can still answer.
    answer(res, invalidRequestId());
    return;
  }
  status.state = to;
  const answered = () => {
    if (status.state === to) status.state = "RuntimeResponseSentState";
  };
  if (kind === "error") {
    void postedError(req, res).then((error) => {
      answered();
      emit({ type: "invocation-error", requestId, error });
    });
    return;
  }
  const mode = req.headers[HEADER_RESPONSE_MODE];
  if (mode !== undefined && mode !== "" && mode !== "streaming") {
    req.resume();
    // The invocation fails with an error response of this type and an empty body.
    emit({
      type: "invocation-error",
      requestId,
      error: { errorType: INVALID_RESPONSE_MODE_ERROR_TYPE, errorMessage: "" },
    });
    answer(res, invalidFunctionResponseMode());
    return;
  }
  const ctx = { requestId, maxBytes, emit, answered };
  if (mode === "streaming") receiveStream(req, res, ctx);
  else receiveBuffered(req, res, ctx);
}
