/**
 * A local Lambda Runtime API (2018-06-01) for ONE execution environment: what AWS's own runtime client
 * (`aws-lambda-ric`) talks to. It hands out invocations on `GET /runtime/invocation/next` and reports
 * what the runtime sends back, untouched; what the HTTP client then sees is decided elsewhere
 * (`../invocation-response.ts`).
 *
 * Source: Lambda developer guide "Using the Lambda runtime API for custom runtimes" (runtimes-api),
 * and the clients that speak it: aws-lambda-ric 4.0.2 (`context-builder`, `rapid-client`,
 * `response-stream`) and aws-lambda-cpp 0.2.8 (`runtime.cpp`, which the RIC's native addon wraps).
 *
 * @example
 * const api = await startRuntimeApi({ onEvent: (e) => console.log(e.type) });
 * // spawn the runtime with AWS_LAMBDA_RUNTIME_API=api.address, then:
 * api.invoke({ requestId, deadlineMs, functionArn, traceId }, JSON.stringify(event));
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorInfo } from "../runtime/messages.js";

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

function accepted(res: http.ServerResponse): void {
  // The Runtime API answers 202 {"status":"OK"} to a posted response or error (runtimes-api).
  res.writeHead(202, { "content-type": "application/json" });
  res.end('{"status":"OK"}');
}

function refuse(res: http.ServerResponse, status: number, errorType: string, errorMessage: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errorMessage, errorType }));
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
  accepted(res);
  const header = req.headers[TRAILER_ERROR_TYPE];
  return parseErrorBody(body.toString("utf8"), typeof header === "string" ? header : undefined);
}

/** `POST invocation/<id>/response`: a buffered body, or a stream whose end may carry the error trailers. */
function receiveResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string,
  emit: Emit,
): void {
  const streaming = String(req.headers[HEADER_RESPONSE_MODE] ?? "").toLowerCase() === "streaming";
  const contentType = String(req.headers["content-type"] ?? "application/octet-stream");
  if (!streaming) {
    void readAll(req).then((body) => {
      accepted(res);
      emit({ type: "buffered", requestId, body, contentType });
    });
    return;
  }
  emit({ type: "stream-start", requestId, contentType });
  req.on("data", (data: Buffer) => emit({ type: "stream-chunk", requestId, data }));
  req.on("end", () => {
    // Trailers are known only once the body has ended (RIC adds them in `fail` before `end`).
    const type = req.trailers[TRAILER_ERROR_TYPE];
    const body = req.trailers[TRAILER_ERROR_BODY];
    const error =
      type || body ? parseErrorBody(Buffer.from(body ?? "", "base64").toString("utf8"), type) : undefined;
    accepted(res);
    emit({ type: "stream-end", requestId, error });
  });
  // The runtime's connection broke mid-stream (its process died): the platform notices the exit.
  req.on("error", () => {});
}

/** Starts the Runtime API of one environment on an ephemeral loopback port. */
export async function startRuntimeApi(options: { onEvent: Emit }): Promise<RuntimeApi> {
  const emit = options.onEvent;
  const queue: { headers: InvocationHeaders; body: string }[] = [];
  let waiting: http.ServerResponse | undefined;
  /** Invocations handed out and not answered yet (an answer may come after the next `GET next`). */
  const open = new Set<string>();

  const deliver = () => {
    const res = waiting;
    const next = queue[0];
    if (!res || !next) return;
    queue.shift();
    waiting = undefined;
    open.add(next.headers.requestId);
    res.writeHead(200, invocationHeaders(next.headers));
    res.end(next.body);
  };

  const server = http.createServer({ noDelay: true }, (req, res) => {
    const url = (req.url ?? "/").split("?")[0] ?? "/";
    const method = req.method ?? "GET";
    if (method === "GET" && url === `${PREFIX}/invocation/next`) {
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
      const requestId = decodeURIComponent(match[1] ?? "");
      if (!open.has(requestId)) {
        req.resume();
        // Assumption: wording of the Runtime API's answer to an unknown or already answered id.
        refuse(res, 400, "InvalidRequestID", `Invalid request ID: ${requestId}`);
        return;
      }
      open.delete(requestId);
      if (match[2] === "response") receiveResponse(req, res, requestId, emit);
      else void postedError(req, res).then((error) => emit({ type: "invocation-error", requestId, error }));
      return;
    }
    req.resume();
    refuse(res, 404, "NotFound", `${method} ${url} is not part of the Runtime API`);
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
