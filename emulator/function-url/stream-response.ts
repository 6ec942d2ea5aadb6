/**
 * What the client is sent: AWS's error answers, the CORS preflight, and the streamed answer of an
 * invocation (its decisions in invocation-response.ts, its pacing in response-delivery.ts).
 */
import type http from "node:http";
import type { CorsConfig } from "../config/types.js";
import type { AwsErrorResponse } from "./aws-errors.js";
import { respondBuffered } from "./buffered-response.js";
import type { InvocationObserver } from "./containers/execution-environment.js";
import { preflightHeaders } from "./cors.js";
import { respondTo } from "./invocation-response.js";
import { capturing, type ResponseCapture } from "./response/response-capture.js";
import { createResponseDelivery } from "./response/response-delivery.js";
import type { ServiceContext } from "./service-context.js";

/** An error the Lambda service answers itself, with its `x-amzn-ErrorType` when it has one. */
export function sendAwsError(
  res: http.ServerResponse,
  error: AwsErrorResponse,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { "content-type": error.contentType, ...extra };
  if (error.errorType) headers["x-amzn-errortype"] = error.errorType;
  res.writeHead(error.status, headers);
  res.end(error.body);
}

/** A CORS preflight is answered by the service, never invoked; a refused origin just gets no allow headers. */
export function answerPreflight(
  ctx: ServiceContext,
  cors: CorsConfig,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  origin: string | undefined,
): void {
  req.resume();
  const headers = preflightHeaders(cors, origin);
  if (!headers["access-control-allow-origin"]) {
    ctx.log(
      `CORS preflight refused: origin ${origin} is not in allowOrigins [${cors.allowOrigins.join(", ")}]`,
    );
  }
  res.writeHead(200, headers);
  res.end();
}

/**
 * The observer one invocation reports to: behind a RESPONSE_STREAM URL it streams what the runtime sends
 * to `res` under the function's delivery mode; behind a BUFFERED one it answers once the invocation is
 * over (buffered-response.ts). It copies the first bytes to `capture` when someone listens for them.
 */
export function streamInvocation(
  ctx: ServiceContext,
  res: http.ServerResponse,
  args: {
    origin: string | undefined;
    requestId: string;
    traceId: string;
    capture?: ResponseCapture;
    onDone: InvocationObserver["done"];
  },
): InvocationObserver {
  const { fn, log } = ctx;
  const { capture, ...rest } = args;
  const writer = (write: (chunk: Buffer) => void) => createResponseDelivery(fn.delivery, write);
  const observer =
    fn.invokeMode === "BUFFERED"
      ? respondBuffered(res, { ...rest, cors: fn.cors, log })
      : respondTo(res, { ...rest, cors: fn.cors, log, writer, limits: fn.responseLimits });
  return capture ? capturing(observer, capture) : observer;
}
