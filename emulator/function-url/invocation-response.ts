/**
 * What the Function URL's HTTP client sees for what the runtime sent back: every decision the Lambda
 * service makes about an invocation's response, in one place, for both container runtimes. Each
 * decision names its source, or says "Assumption" where AWS documents nothing (then the outcome
 * harsher on the function's code is chosen).
 *
 * The runtime's side is reported through an `InvocationObserver` (a streamed response: head, chunks,
 * end; or a buffered response; then done, with the error when the invocation failed).
 */
import type http from "node:http";
import type { FunctionUrlConfig } from "../config/types.js";
import { functionError } from "./aws-errors.js";
import { applyCors } from "./cors.js";
import type { InvocationObserver } from "./execution-environment.js";
import { PreludeParser } from "./prelude-parser.js";
import type { ResponseDelivery } from "./response-delivery.js";
import { METADATA_PRELUDE_CONTENT_TYPE } from "./runtime/awslambda.js";

/** Buffered responses are limited to 6 MB (docs: configuration-response-streaming; streamed ones to 200 MB). */
export const MAX_BUFFERED_RESPONSE_BYTES = 6 * 1024 * 1024;

export interface ResponseContext {
  cors: FunctionUrlConfig["cors"];
  origin: string | undefined;
  requestId: string;
  traceId: string;
  log: (line: string) => void;
  /** How body bytes reach the socket: at once, or held like Lambda (response-delivery.ts). */
  writer: (write: (chunk: Buffer) => void) => ResponseDelivery;
  onDone: InvocationObserver["done"];
}

/** A function error before any byte was sent: 502 `Internal Server Error` (aws-facts, buffered mode's answer). */
export function sendFunctionError(
  res: http.ServerResponse,
  cors: FunctionUrlConfig["cors"],
  origin: string | undefined,
): void {
  const error = functionError();
  res.writeHead(error.status, applyCors(cors, origin, { "content-type": error.contentType }));
  res.end(error.body);
}

/**
 * The response of one invocation. Decisions:
 * - A streamed response with the prelude content type: status, headers and cookies from the prelude
 *   (RIC `HttpResponseStream`; docs config-rs-invoke-furls), then the body as it comes.
 * - A streamed response with any other content type: 200 with that content type, sent with the
 *   first body byte (the runtime sends its request headers even when it fails before writing).
 *   Assumption.
 * - A buffered response (handler not wrapped in streamifyResponse) behind a RESPONSE_STREAM URL:
 *   status 200 and the JSON of the return value as the body; `statusCode`/`headers`/`body` in it are
 *   not interpreted (aws-facts "Where the first emulator diverged": LocalStack's AWS-validated
 *   snapshot). Assumption: the content type is the runtime's (`application/json`, RIC native client).
 *   Over 6 MB it is an error (docs configuration-response-streaming: 6 MB limit for buffered responses).
 * - An error (error post, error trailers, timeout, runtime exit) before any byte: 502 `Internal
 *   Server Error` (aws-facts); after bytes were sent: the connection is cut without the final chunk
 *   (aws-facts, assumption).
 * - A streamed response that ends before its prelude is complete (end() without a write, or end(data)
 *   as the first call): real AWS left such connections hanging (RIC issue #95). Assumption: the
 *   connection is cut at once, with a log line saying why.
 * - A response whose stream never ends: the client waits until the function times out, then the
 *   error rule applies (aws-facts: RIC `streaming-invoke-processor` waits for the Runtime API).
 */
export function respondTo(res: http.ServerResponse, ctx: ResponseContext): InvocationObserver {
  let parser: PreludeParser | undefined;
  /** A plain stream's content type, until its first body byte: nothing is sent before a body byte. */
  let plainContentType: string | undefined;
  let preludeDone = false;
  let ended = false;
  const writer = ctx.writer((chunk) => {
    if (!res.destroyed) res.write(chunk);
  });

  const startResponse = (status: number, functionHeaders: Record<string, string | string[]>) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(functionHeaders)) {
      const lower = name.toLowerCase();
      // Assumption: the URL always streams chunked, so a length or framing header from the function is dropped.
      if (lower === "content-length" || lower === "transfer-encoding" || lower === "connection") continue;
      headers[lower] = value;
    }
    // Assumption: a prelude without a content type is sent as application/octet-stream.
    headers["content-type"] ??= "application/octet-stream";
    headers["x-amzn-requestid"] = ctx.requestId;
    headers["x-amzn-trace-id"] = ctx.traceId;
    // Where the function sets CORS headers that conflict, the URL's CORS configuration wins (aws-facts).
    res.writeHead(status, applyCors(ctx.cors, ctx.origin, headers));
    // `immediate`: status and headers go out now, before the first body byte. `lambda`: they go out
    // with the first delivered bytes (Assumption, see response-delivery.ts).
    if (writer.headersAtOnce) res.flushHeaders();
  };

  /** A plain stream's status and headers go out with its first body byte (or its end). */
  const startPlain = () => {
    if (plainContentType === undefined || res.headersSent) return;
    startResponse(200, { "content-type": plainContentType });
  };

  const finishBody = () => {
    ended = true;
    if (res.destroyed || res.writableEnded) return;
    startPlain();
    if (!preludeDone) {
      ctx.log(
        `${ctx.requestId} response stream ended without a complete prelude (JSON + 8 NUL bytes): ` +
          `call write() before end(); end(data) alone skips HttpResponseStream's first-write hook (RIC issue #95)`,
      );
      res.destroy();
      return;
    }
    writer.flush();
    res.end();
  };

  return {
    head(contentType) {
      if (contentType === METADATA_PRELUDE_CONTENT_TYPE) parser = new PreludeParser();
      else {
        preludeDone = true;
        plainContentType = contentType;
      }
    },
    chunk(data) {
      if (res.destroyed) return;
      startPlain();
      if (!preludeDone && parser) {
        const step = parser.push(data);
        if (!step.done) return;
        preludeDone = true;
        if ("error" in step) {
          ctx.log(`${ctx.requestId} invalid response prelude: ${step.error}`);
          sendFunctionError(res, ctx.cors, ctx.origin);
          return;
        }
        startResponse(step.prelude.statusCode, step.prelude.headers);
        if (step.rest.byteLength > 0) writer.push(step.rest);
        return;
      }
      writer.push(data);
    },
    end: finishBody,
    buffered(body, contentType) {
      if (res.destroyed || res.headersSent) return;
      preludeDone = true;
      if (body.byteLength > MAX_BUFFERED_RESPONSE_BYTES) {
        // Assumption: the client sees the function-error answer; the log names Lambda's error type.
        ctx.log(
          `${ctx.requestId} Function.ResponseSizeTooLarge: response payload size (${body.byteLength} bytes) exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
        );
        sendFunctionError(res, ctx.cors, ctx.origin);
        return;
      }
      startResponse(200, { "content-type": contentType });
      if (body.byteLength > 0) writer.push(body);
      finishBody();
    },
    done(error) {
      if (error && !res.destroyed && !res.writableEnded) {
        if (!res.headersSent) sendFunctionError(res, ctx.cors, ctx.origin);
        else {
          writer.flush();
          res.destroy();
        }
      } else if (!error && !ended && !res.writableEnded) {
        res.destroy();
      }
      ctx.onDone(error);
    },
  };
}
