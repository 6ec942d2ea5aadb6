/**
 * Owns the response stream: decides the prelude at the first write (an SSE 200, or an HTTP error),
 * counts chunks, sends keep-alives when nothing was written for `keepAliveMs`, and notices a client
 * that went away.
 *
 * aws-facts.md ("Response streaming"): HttpResponseStream.from() emits the JSON prelude and 8 NUL
 * bytes on the first write; ending without any write sends no prelude (RIC issue #95), so `end()`
 * always makes sure something was written.
 */
import type { Writable } from "node:stream";
import { type HandlerError, InternalError } from "./errors.js";
import { encodeChunk, encodeDone, encodeError, encodeKeepAlive, SSE_HEADERS } from "./sse.js";

export class ResponseWriter {
  private stream: Writable | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private ending = false;
  private readonly gone = new AbortController();
  chunks = 0;
  status = 0;

  constructor(
    private readonly raw: awslambda.HttpResponseStream,
    private readonly requestId: string,
    private readonly keepAliveMs: number,
  ) {
    const onGone = () => {
      if (!this.ending) this.gone.abort(new Error("client gone"));
    };
    // An unhandled 'error' event would crash the runtime; a broken stream just means the client left.
    raw.on("error", onGone);
    raw.on("close", onGone);
  }

  /** Aborts when the client goes away before the answer ends. */
  get clientGone(): AbortSignal {
    return this.gone.signal;
  }

  get started(): boolean {
    return this.stream !== undefined;
  }

  /** Starts the SSE stream (if needed) and keeps it alive while the model is silent. */
  startKeepAlive(): void {
    this.armKeepAlive();
  }

  chunk(text: string): void {
    if (this.write(encodeChunk(text))) this.chunks++;
  }

  done(): void {
    this.write(encodeDone());
  }

  /** Before any output: an HTTP error response. After: an `event: error`, and no `[DONE]`. */
  fail(error: HandlerError): void {
    if (this.started) {
      this.write(encodeError(error));
      return;
    }
    this.open(error.status, { "content-type": "application/json; charset=utf-8", ...error.headers });
    this.send(JSON.stringify(error.toJSON(this.requestId)));
  }

  async end(): Promise<void> {
    this.ending = true;
    this.disarmKeepAlive();
    if (!this.started) this.fail(new InternalError());
    const stream = this.stream as Writable;
    if (stream.destroyed || stream.writableEnded) return;
    await new Promise<void>((resolve) => {
      stream.once("error", () => resolve());
      stream.once("close", () => resolve());
      stream.end(() => resolve());
    });
  }

  /** Returns whether the text went out (false once the client is gone). */
  private write(text: string): boolean {
    if (!this.started) this.open(200, SSE_HEADERS);
    const sent = this.send(text);
    this.armKeepAlive();
    return sent;
  }

  private open(statusCode: number, headers: Record<string, string>): void {
    this.status = statusCode;
    this.stream = awslambda.HttpResponseStream.from(this.raw, {
      statusCode,
      headers: { ...headers, "x-request-id": this.requestId },
    });
  }

  private send(text: string): boolean {
    const stream = this.stream as Writable;
    if (stream.destroyed || stream.writableEnded) return false;
    stream.write(text);
    return true;
  }

  private armKeepAlive(): void {
    if (this.ending) return;
    this.disarmKeepAlive();
    this.keepAliveTimer = setTimeout(() => this.write(encodeKeepAlive()), this.keepAliveMs);
  }

  private disarmKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}
