/**
 * A faithful `awslambda` global, as the managed Node.js runtime installs it.
 * Source: aws/aws-lambda-nodejs-runtime-interface-client (`utils/globals.ts`,
 * `stream/http-response-stream.ts`, `stream/response-stream.ts`, `function/user-function-loader.ts`).
 */
import { Writable } from "node:stream";

export const HANDLER_STREAMING = Symbol.for("aws.lambda.runtime.handler.streaming");
export const HANDLER_HIGHWATERMARK = Symbol.for("aws.lambda.runtime.handler.streaming.highWaterMark");
export const STREAM_RESPONSE = "response";
export const METADATA_PRELUDE_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";
const DELIMITER_LEN = 8;

/** Where a response stream's bytes go (in a container: postMessage to the emulator). */
export interface ResponseSink {
  head(contentType: string): void;
  chunk(data: Uint8Array): void;
  end(): void;
}

export class InvalidStreamingOperation extends Error {
  // RIC 4.0.2 `utils/errors`: the name carries the runtime prefix.
  override name = "Runtime.InvalidStreamingOperation";
}

type WriteCallback = (error: Error | null | undefined) => void;

/** The `responseStream` a streaming handler receives. */
export class LambdaResponseStream extends Writable {
  /** Set by `HttpResponseStream.from`; runs right before the first write. */
  _onBeforeFirstWrite?: (write: (chunk: unknown) => boolean) => void;
  private contentType = DEFAULT_CONTENT_TYPE;
  private started = false;

  constructor(
    private readonly sink: ResponseSink,
    highWaterMark?: number,
  ) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
    // RIC's stream is an http.ClientRequest whose 'error' listener rejects a promise nobody awaits
    // (`createResponseStream`: headersDone), and RIC installs no unhandledRejection handler: an error on
    // the stream (a write after end(), destroy(err)) ends the runtime process (exit status 1).
    this.on("error", (err) => {
      void Promise.reject(err);
    });
  }

  setContentType(contentType: string): void {
    if (this.started) throw new InvalidStreamingOperation("Cannot set content-type, too late.");
    this.contentType = contentType;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.sink.head(this.contentType);
  }

  override write(
    chunk: unknown,
    encoding?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean {
    // Like the runtime: anything but a string or bytes is JSON-serialised.
    const data =
      typeof chunk === "string" || Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
        ? chunk
        : JSON.stringify(chunk);
    if (!this.started) {
      this.start();
      if (typeof this._onBeforeFirstWrite === "function") {
        this._onBeforeFirstWrite((ch) => super.write(ch));
      }
    }
    if (typeof encoding === "function") return super.write(data, encoding);
    return encoding === undefined ? super.write(data, callback) : super.write(data, encoding, callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: WriteCallback): void {
    // `end(chunk)` reaches here without the public write(): Node's end() writes internally, so, as in the
    // real runtime (an http.ClientRequest with an overridden write), the first-write hook does not run.
    this.start();
    this.sink.chunk(chunk);
    callback(null);
  }

  override _final(callback: WriteCallback): void {
    this.start();
    this.sink.end();
    callback(null);
  }
}

/** Implements the `application/vnd.awslambda.http-integration-response` content type. */
// biome-ignore lint/complexity/noStaticOnlyClass: handlers call `awslambda.HttpResponseStream.from`, as in the runtime.
export class HttpResponseStream {
  static from(
    underlyingStream: LambdaResponseStream,
    prelude: Record<string, unknown>,
  ): LambdaResponseStream {
    underlyingStream.setContentType(METADATA_PRELUDE_CONTENT_TYPE);
    // JSON.stringify is required: a NUL byte is not allowed in the prelude.
    const metadataPrelude = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadataPrelude);
      write(new Uint8Array(DELIMITER_LEN));
    };
    return underlyingStream;
  }
}

type AnyHandler = ((...args: never[]) => unknown) & Record<symbol, unknown>;

export function streamifyResponse<H extends (...args: never[]) => unknown>(
  handler: H,
  options?: { highWaterMark?: number },
): H {
  const marked = handler as unknown as AnyHandler;
  marked[HANDLER_STREAMING] = STREAM_RESPONSE;
  if (typeof options?.highWaterMark === "number") {
    marked[HANDLER_HIGHWATERMARK] = Number.parseInt(String(options.highWaterMark), 10);
  }
  return handler;
}

/** Installs `globalThis.awslambda` before the handler module is imported, as the runtime does. */
export function installAwsLambdaGlobal(): void {
  const g = globalThis as Record<string, unknown>;
  g.awslambda = { ...(g.awslambda as object | undefined), streamifyResponse, HttpResponseStream };
}

/** How the runtime reads a handler's streaming mark; a mark other than "response" is refused. */
export function isStreamingHandler(handler: unknown): boolean {
  const value = (handler as Record<symbol, unknown>)[HANDLER_STREAMING];
  if (!value) return false;
  if (value === STREAM_RESPONSE) return true;
  throw Object.assign(new Error("Only response streaming is supported."), {
    name: "Runtime.MalformedStreamingHandler",
  });
}

export function handlerHighWaterMark(handler: unknown): number | undefined {
  const value = Number((handler as Record<symbol, unknown>)[HANDLER_HIGHWATERMARK]);
  return Number.isNaN(value) || value === 0 ? undefined : value;
}
