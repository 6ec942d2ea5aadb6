/**
 * A local Lambda Runtime API (2018-06-01) for ONE execution environment: what AWS's own runtime client
 * (`aws-lambda-ric`) talks to. It hands out invocations on `GET /runtime/invocation/next` and reports
 * what the runtime sends back, untouched; what the HTTP client then sees is decided elsewhere
 * (`../invocation-response.ts`).
 *
 * Source: Lambda developer guide "Using the Lambda runtime API for custom runtimes" (runtimes-api);
 * the clients that speak it: aws-lambda-ric 4.0.2 (`context-builder`, `rapid-client`,
 * `response-stream`) and aws-lambda-cpp 0.2.8 (`runtime.cpp`, which the RIC's native addon wraps);
 * and for its answers, limits and states the Runtime Interface Emulator (rapi-answers.ts).
 *
 * @example
 * const api = await startRuntimeApi({ onEvent: (e) => console.log(e.type) });
 * // spawn the runtime with AWS_LAMBDA_RUNTIME_API=api.address, then:
 * api.invoke({ requestId, deadlineMs, functionArn, traceId }, JSON.stringify(event));
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_STREAMED_RESPONSE_BYTES } from "../../aws/lambda-limits.js";
import type { ErrorInfo } from "../runtime/messages.js";
import {
  accepted,
  INVALID_RESPONSE_MODE_ERROR_TYPE,
  invalidFunctionResponseMode,
  invalidRequestId,
  invalidStateTransition,
  notPartOfTheApi,
  type RapiAnswer,
  type RuntimeStateName,
  requestEntityTooLarge,
} from "./rapi-answers.js";

const PREFIX = "/2018-06-01/runtime";
/** RIC's streaming response headers and trailers (`stream/constants`). */
export const HEADER_RESPONSE_MODE = "lambda-runtime-function-response-mode";
export const TRAILER_ERROR_TYPE = "lambda-runtime-function-error-type";
export const TRAILER_ERROR_BODY = "lambda-runtime-function-error-body";

export interface InvocationHeaders {
  requestId: string;
  /** Epoch milliseconds at which the function times out. */
  deadlineMs: number;
  functionArn: string;
  traceId: string;
  /** JSON, only when the caller sent one (mobile SDK invocations); never for a Function URL. */
  clientContext?: string;
  cognitoIdentity?: string;
}

/** What the runtime said, in order; `requestId` names the invocation it concerns. */
export type RuntimeEvent =
  /** The runtime asked for work: the Init phase is over (first time) or the last invocation is over. */
  | { type: "next" }
  | { type: "init-error"; error: ErrorInfo }
  | { type: "stream-start"; requestId: string; contentType: string }
  | { type: "stream-chunk"; requestId: string; data: Buffer }
  /** The streamed response ended; `error` when it ended with the error trailers. */
  | { type: "stream-end"; requestId: string; error?: ErrorInfo }
  /** A buffered response (a handler not wrapped in streamifyResponse): the serialised return value. */
  | { type: "buffered"; requestId: string; body: Buffer; contentType: string }
  | { type: "invocation-error"; requestId: string; error: ErrorInfo };

export interface RuntimeApi {
  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  address: string;
  /** Queues one invocation; a waiting `GET next` gets it at once. */
  invoke(headers: InvocationHeaders, eventJson: string): void;
  close(): Promise<void>;
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

function answer(res: http.ServerResponse, reply: RapiAnswer): void {
  res.writeHead(reply.status, { "content-type": "application/json" });
  res.end(reply.body);
}

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

type Emit = (event: RuntimeEvent) => void;

/** The headers of an invocation handed out by `GET next` (runtimes-api, "Next invocation"). */
function invocationHeaders(h: InvocationHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "lambda-runtime-aws-request-id": h.requestId,
    "lambda-runtime-deadline-ms": String(h.deadlineMs),
    "lambda-runtime-invoked-function-arn": h.functionArn,
    "lambda-runtime-trace-id": h.traceId,
  };
  if (h.clientContext) headers["lambda-runtime-client-context"] = h.clientContext;
  if (h.cognitoIdentity) headers["lambda-runtime-cognito-identity"] = h.cognitoIdentity;
  return headers;
}

/** An error the runtime posted (`init/error`, `invocation/<id>/error`), its type in the error-type header. */
async function postedError(req: http.IncomingMessage, res: http.ServerResponse): Promise<ErrorInfo> {
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

/** What one environment's Runtime API is started with. */
export interface RuntimeApiOptions {
  onEvent: Emit;
  /** The invocation's response limit (a streaming invocation's: 200 MB); past it the runtime gets 413. */
  maxResponseBytes?: number;
}

/** Starts the Runtime API of one environment on an ephemeral loopback port. */
export async function startRuntimeApi(options: RuntimeApiOptions): Promise<RuntimeApi> {
  const emit = options.onEvent;
  const maxBytes = options.maxResponseBytes ?? MAX_STREAMED_RESPONSE_BYTES;
  const queue: { headers: InvocationHeaders; body: string }[] = [];
  let waiting: http.ServerResponse | undefined;
  /** RIE's runtime state (`core/states.go`): which answer the runtime may post now. */
  let state: RuntimeStateName = "Started";
  /** The invocation handed out last. */
  let current: string | undefined;

  const deliver = () => {
    const res = waiting;
    const next = queue[0];
    if (!res || !next) return;
    queue.shift();
    waiting = undefined;
    state = "Running";
    current = next.headers.requestId;
    res.writeHead(200, invocationHeaders(next.headers));
    res.end(next.body);
  };

  /**
   * `POST invocation/<id>/response|error`, in RIE's order: the state first (403 when an answer was
   * already posted), then the id (400 when it is not the invocation in flight), then the response mode
   * (`rapi/handler/invocationresponse.go`, `invocationerror.go`).
   */
  const onAnswer = (req: http.IncomingMessage, res: http.ServerResponse, requestId: string, kind: string) => {
    const to = kind === "response" ? "InvocationResponse" : "InvocationErrorResponse";
    if (state !== "Running") {
      req.resume();
      answer(res, invalidStateTransition(state, to));
      return;
    }
    if (requestId !== current) {
      req.resume();
      // RIE leaves the runtime in the answering state after this refusal; here it can still answer.
      answer(res, invalidRequestId());
      return;
    }
    state = to;
    const answered = () => {
      if (state === to) state = "RuntimeResponseSentState";
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
  };

  const server = http.createServer({ noDelay: true }, (req, res) => {
    const url = (req.url ?? "/").split("?")[0] ?? "/";
    const method = req.method ?? "GET";
    if (method === "GET" && url === `${PREFIX}/invocation/next`) {
      // A runtime still running an unanswered invocation may ask for the next one (RIE: Running.Ready).
      if (state === "Started" || state === "RuntimeResponseSentState") state = "Ready";
      waiting = res;
      emit({ type: "next" });
      deliver();
      return;
    }
    if (method === "POST" && url === `${PREFIX}/init/error`) {
      void postedError(req, res).then((error) => emit({ type: "init-error", error }));
      return;
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    if (method === "POST" && match) {
      onAnswer(req, res, decodeURIComponent(match[1] ?? ""), match[2] ?? "");
      return;
    }
    req.resume();
    answer(res, notPartOfTheApi(method, url));
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    invoke(headers, body) {
      queue.push({ headers, body });
      deliver();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
