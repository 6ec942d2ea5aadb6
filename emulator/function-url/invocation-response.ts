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
import type { ErrorInfo } from "./runtime/messages.js";

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
  return new InvocationResponse(res, ctx);
}

/** The headers Lambda sends for a function's status and headers (prelude, plain stream or buffered). */
function responseHeaders(
  ctx: ResponseContext,
  functionHeaders: Record<string, string | string[]>,
): Record<string, string | string[]> {
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
  return applyCors(ctx.cors, ctx.origin, headers);
}

class InvocationResponse implements InvocationObserver {
  private parser?: PreludeParser;
  /** A plain stream's content type, until its first body byte: nothing is sent before a body byte. */
  private plainContentType?: string;
  private preludeDone = false;
  private ended = false;
  private readonly writer: ResponseDelivery;

  constructor(
    private readonly res: http.ServerResponse,
    private readonly ctx: ResponseContext,
  ) {
    this.writer = ctx.writer((chunk) => {
      if (!res.destroyed) res.write(chunk);
    });
  }

  head(contentType: string): void {
    if (contentType === METADATA_PRELUDE_CONTENT_TYPE) this.parser = new PreludeParser();
    else {
      this.preludeDone = true;
      this.plainContentType = contentType;
    }
  }

  chunk(data: Buffer): void {
    const { res, ctx } = this;
    if (res.destroyed) return;
    this.startPlain();
    if (!this.preludeDone && this.parser) {
      const step = this.parser.push(data);
      if (!step.done) return;
      this.preludeDone = true;
      if ("error" in step) {
        ctx.log(`${ctx.requestId} invalid response prelude: ${step.error}`);
        sendFunctionError(res, ctx.cors, ctx.origin);
        return;
      }
      this.startResponse(step.prelude.statusCode, step.prelude.headers);
      if (step.rest.byteLength > 0) this.writer.push(step.rest);
      return;
    }
    this.writer.push(data);
  }

  end(): void {
    this.finishBody();
  }

  buffered(body: Buffer, contentType: string): void {
    const { res, ctx } = this;
    if (res.destroyed || res.headersSent) return;
    this.preludeDone = true;
    if (body.byteLength > MAX_BUFFERED_RESPONSE_BYTES) {
      // Assumption: the client sees the function-error answer; the log names Lambda's error type.
      ctx.log(
        `${ctx.requestId} Function.ResponseSizeTooLarge: response payload size (${body.byteLength} bytes) exceeded maximum allowed payload size (${MAX_BUFFERED_RESPONSE_BYTES} bytes).`,
      );
      sendFunctionError(res, ctx.cors, ctx.origin);
      return;
    }
    this.startResponse(200, { "content-type": contentType });
    if (body.byteLength > 0) this.writer.push(body);
    this.finishBody();
  }

  done(error?: ErrorInfo): void {
    const { res, ctx } = this;
    if (error && !res.destroyed && !res.writableEnded) {
      if (!res.headersSent) sendFunctionError(res, ctx.cors, ctx.origin);
      else {
        this.writer.flush();
        res.destroy();
      }
    } else if (!error && !this.ended && !res.writableEnded) {
      res.destroy();
    }
    ctx.onDone(error);
  }

  private startResponse(status: number, functionHeaders: Record<string, string | string[]>): void {
    this.res.writeHead(status, responseHeaders(this.ctx, functionHeaders));
    // `immediate`: status and headers go out now, before the first body byte. `lambda`: they go out
    // with the first delivered bytes (Assumption, see response-delivery.ts).
    if (this.writer.headersAtOnce) this.res.flushHeaders();
  }

  /** A plain stream's status and headers go out with its first body byte (or its end). */
  private startPlain(): void {
    if (this.plainContentType === undefined || this.res.headersSent) return;
    this.startResponse(200, { "content-type": this.plainContentType });
  }

  private finishBody(): void {
    const { res, ctx } = this;
    this.ended = true;
    if (res.destroyed || res.writableEnded) return;
    this.startPlain();
    if (!this.preludeDone) {
      ctx.log(
        `${ctx.requestId} response stream ended without a complete prelude (JSON + 8 NUL bytes): ` +
          `call write() before end(); end(data) alone skips HttpResponseStream's first-write hook (RIC issue #95)`,
      );
      res.destroy();
      return;
    }
    this.writer.flush();
    res.end();
  }
}
