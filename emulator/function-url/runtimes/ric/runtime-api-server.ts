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
import { MAX_STREAMED_RESPONSE_BYTES } from "../../../aws/lambda-limits.js";
import type { ErrorInfo } from "../../containers/platform-types.js";
import { answer, postedError, type RuntimeStatus, receiveAnswer } from "./answer-receiver.js";
import { notPartOfTheApi } from "./rapi-answers.js";

const PREFIX = "/2018-06-01/runtime";

type Emit = (event: RuntimeEvent) => void;
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
  const status: RuntimeStatus = { state: "Started" };

  const deliver = () => {
    const res = waiting;
    const next = queue[0];
    if (!res || !next) return;
    queue.shift();
    waiting = undefined;
    status.state = "Running";
    status.current = next.headers.requestId;
    res.writeHead(200, invocationHeaders(next.headers));
    res.end(next.body);
  };

  // No request deadline: a streamed response is one request body that lasts as long as the function
  // runs (up to Lambda's 900 s timeout), and Node's default `requestTimeout` (300 s) would cut it with
  // a 408 mid-stream.
  const server = http.createServer({ noDelay: true, requestTimeout: 0 }, (req, res) => {
    const url = (req.url ?? "/").split("?")[0] ?? "/";
    const method = req.method ?? "GET";
    if (method === "GET" && url === `${PREFIX}/invocation/next`) {
      // A runtime still running an unanswered invocation may ask for the next one (RIE: Running.Ready).
      if (status.state === "Started" || status.state === "RuntimeResponseSentState") status.state = "Ready";
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
      receiveAnswer(status, req, res, { requestId, kind: match[2] ?? "", maxBytes, emit });
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
