/**
 * What the Function URL's HTTP client sees for what the runtime sent back: every decision the Lambda
 * service makes about an invocation's response, in one place, for both container runtimes. Each
 * decision names its source, or says "Assumption" where no source settles it (then the outcome
 * harsher on the function's code is chosen).
 *
 * The runtime's side is reported through an `InvocationObserver` (a streamed response: head, chunks,
 * end; or a buffered response; then done, with the error when the invocation failed). Its bytes pass
 * the sandbox's meter first (response-meter.ts: size limit and bandwidth), then the prelude is read,
 * the body decoded when the prelude names a `Content-Encoding` (content-decoding.ts), and delivered
 * under the delivery mode (response-delivery.ts).
 */
import type http from "node:http";
import type { FunctionConfig, ResponseLimits } from "../config/types.js";
import { type InvocationObserver, TIMEOUT_ERROR_TYPE } from "./containers/execution-environment.js";
import type { ErrorInfo } from "./containers/platform-types.js";
import { applyCors } from "./cors.js";
import { type BodyStage, decodingStage, passThrough, singleCoding } from "./response/content-decoding.js";
import { PreludeParser } from "./response/prelude-parser.js";
import { cutResponse, isCut, sendFunctionError } from "./response/response-answers.js";
import type { ResponseDelivery } from "./response/response-delivery.js";
import { createResponseMeter, type ResponseMeter } from "./response/response-meter.js";
import { METADATA_PRELUDE_CONTENT_TYPE } from "./runtimes/worker/awslambda.js";

export { sendFunctionError } from "./response/response-answers.js";

export interface ResponseContext {
  cors: FunctionConfig["cors"];
  origin: string | undefined;
  requestId: string;
  traceId: string;
  log: (line: string) => void;
  /** How body bytes reach the socket: as they come, or held (response-delivery.ts). */
  writer: (write: (chunk: Buffer) => void) => ResponseDelivery;
  /** The sandbox's limits on a streaming invocation's response (response-meter.ts). */
  limits: ResponseLimits;
  onDone: InvocationObserver["done"];
}

/**
 * The response of one invocation. Decisions:
 *
 * - A streamed response with the prelude content type: status, headers and cookies from the prelude
 *   (RIC `HttpResponseStream`; docs config-rs-invoke-furls), then the body as it comes.
 *
 * - A streamed response with any other content type: 200 with that content type, sent with the
 *   first body byte (the runtime sends its request headers even when it fails before writing).
 *   Assumption.
 *
 * - A buffered response (handler not wrapped in streamifyResponse) behind a RESPONSE_STREAM URL:
 *   status 200 and the JSON of the return value as the body; `statusCode`/`headers`/`body` in it are
 *   not interpreted (LocalStack's AWS-validated snapshot `test_lambda_url_echo_invoke[RESPONSE_STREAM]`).
 *   Its content type is the runtime's, which RIE passes on (`rapi/handler/invocationresponse.go`), and
 *   it goes through the streaming copy under the streamed limit (response-meter.ts).
 *
 * - Past the limit (200 MB): the first max+1 bytes go out, then the connection is cut and the
 *   invocation fails with Function.ResponseSizeTooLarge (RIE `asyncPayloadCopy`; response-meter.ts).
 *
 * - An error (error post, error trailers, timeout, runtime exit) before any byte: 502 `Internal Server
 *   Error` (docs/platform-facts.md#errors-during-a-stream). After bytes were sent, RIE ends its copy on
 *   the error. Assumption: the URL's client then sees the connection cut, without the chunked body's
 *   last chunk.
 *
 * - A streamed response that ends before its prelude is complete (end() without a write, or end(data)
 *   as the first call): real AWS left such connections hanging
 *   (aws/aws-lambda-nodejs-runtime-interface-client#95). Assumption: the connection is cut at once, with
 *   a log line saying why.
 *
 * - A response whose stream never ends: the client waits until the function times out, then the
 *   error rule applies (RIC `streaming-invoke-processor` waits for the Runtime API).
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
  // Where the function sets CORS headers that conflict, the URL's CORS configuration wins
  // (docs/platform-facts.md#function-url-cors).
  return applyCors(ctx.cors, ctx.origin, headers);
}

class InvocationResponse implements InvocationObserver {
  private parser?: PreludeParser;
  /** A plain stream's content type, until its first body byte: nothing is sent before a body byte. */
  private plainContentType?: string;
  private preludeDone = false;
  private ended = false;
  /** The service's own verdict on the response (too large), which outranks the runtime's. */
  private failure?: ErrorInfo;
  private body: BodyStage;
  private readonly writer: ResponseDelivery;
  private readonly meter: ResponseMeter;

  constructor(
    private readonly res: http.ServerResponse,
    private readonly ctx: ResponseContext,
  ) {
    this.writer = ctx.writer((chunk) => {
      if (!isCut(res)) res.write(chunk);
    });
    this.body = passThrough((chunk) => this.writer.push(chunk));
    this.meter = createResponseMeter(
      ctx.limits,
      (chunk) => this.accept(chunk),
      (error) => this.tooLarge(error),
    );
  }

  head(contentType: string): void {
    if (contentType === METADATA_PRELUDE_CONTENT_TYPE) this.parser = new PreludeParser();
    else {
      this.preludeDone = true;
      this.plainContentType = contentType;
    }
  }

  chunk(data: Buffer): void {
    if (!isCut(this.res)) this.meter.push(data);
  }

  end(): void {
    this.meter.stop();
    this.meter.whenDrained(() => this.finishBody());
  }

  buffered(body: Buffer, contentType: string): void {
    if (this.res.destroyed || this.res.headersSent) return;
    this.preludeDone = true;
    this.plainContentType = contentType;
    this.chunk(body);
    this.end();
  }

  done(error?: ErrorInfo): void {
    // A timeout resets the sandbox, which cancels the copy: what waits for bandwidth is dropped (RIE).
    if (error?.errorType === TIMEOUT_ERROR_TYPE) this.meter.cancel();
    this.meter.stop();
    this.meter.whenDrained(() => this.settle(error));
  }

  /** The invocation is over and its bytes went through: the client's answer ends one way or the other. */
  private settle(error?: ErrorInfo): void {
    const { res, ctx } = this;
    const failure = this.failure ?? error;
    if (failure && !isCut(res) && !res.writableEnded) {
      if (!res.headersSent) sendFunctionError(res, ctx.cors, ctx.origin);
      else {
        this.writer.flush();
        cutResponse(res);
      }
    } else if (!failure && !this.ended && !res.writableEnded) {
      cutResponse(res);
    }
    ctx.onDone(failure);
  }

  /** Bytes the meter let through: the prelude first (when there is one), then the body. */
  private accept(data: Buffer): void {
    const { res, ctx } = this;
    if (isCut(res)) return;
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
      if (step.rest.byteLength > 0) this.body.push(step.rest);
      return;
    }
    this.body.push(data);
  }

  /** The response went past the limit; its max+1 bytes went out: the client's answer ends here. */
  private tooLarge(error: ErrorInfo): void {
    const { res, ctx } = this;
    this.failure = error;
    ctx.log(`${ctx.requestId} ${error.errorType}: ${error.errorMessage}`);
    if (isCut(res) || res.writableEnded) return;
    if (!res.headersSent) sendFunctionError(res, ctx.cors, ctx.origin);
    else {
      this.writer.flush();
      cutResponse(res);
    }
  }

  private startResponse(status: number, functionHeaders: Record<string, string | string[]>): void {
    const headers = { ...functionHeaders };
    const decoder = decodingStage(
      singleCoding(headers["content-encoding"]),
      (plain) => this.writer.push(plain),
      (err) => {
        this.ctx.log(
          `${this.ctx.requestId} response body does not decode as its content-encoding: ${err.message}`,
        );
        this.writer.flush();
        cutResponse(this.res);
      },
    );
    if (decoder) {
      delete headers["content-encoding"];
      this.body = decoder;
    }
    this.res.writeHead(status, responseHeaders(this.ctx, headers));
    // As they come: status and headers go out now, before the first body byte. Held writes: they go out
    // with the first delivered bytes (response-delivery.ts).
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
    if (isCut(res) || res.writableEnded) return;
    this.startPlain();
    if (!this.preludeDone) {
      ctx.log(
        `${ctx.requestId} response stream ended without a complete prelude (JSON + 8 NUL bytes): ` +
          "call write() before end(); end(data) alone skips HttpResponseStream's first-write hook " +
          "(aws/aws-lambda-nodejs-runtime-interface-client#95)",
      );
      res.destroy();
      return;
    }
    this.body.end(() => {
      if (isCut(res) || res.writableEnded) return;
      this.writer.flush();
      res.end();
    });
  }
}
