/**
 * Owns the response stream: decides the prelude at the first write (an SSE 200, or an HTTP error),
 * counts chunks, and sends keep-alives so that bytes reach CloudFront at least every `intervalMs`.
 *
 * docs/platform-facts.md#streaming-handler: HttpResponseStream.from() emits the JSON prelude and 8 NUL bytes
 * on the first write; ending without any write sends no prelude
 * (aws/aws-lambda-nodejs-runtime-interface-client#95), so `end()` always makes sure something was written.
 *
 * Lambda has been reported to hold small writes until more data comes
 * (aws/aws-lambda-nodejs-runtime-interface-client#94: reliable from about 16 KB), so a write is not proof
 * that anything left. The keep-alive clock therefore restarts only when at least `padBytes` were written
 * since it last restarted, and a keep-alive is a comment padded to `padBytes`: whatever Lambda holds, it must
 * pass one on. Cost: up to `padBytes` per `intervalMs` of a silent (or slowly trickling) model. With
 * `padBytes` 0 every write restarts the clock.
 *
 * Lambda never tells a function that its viewer left (aws/aws-lambda-nodejs-runtime-interface-client#145):
 * the stream emits neither `close` nor `error`. The listeners below are only a guard (an unhandled `error`
 * would crash the runtime); the bound on a call whose viewer left is the model timeout and the output cap
 * (app.ts).
 */
import type { Writable } from "node:stream";
import { type HandlerError, InternalError } from "./errors.js";
import { encodeChunk, encodeDone, encodeError, encodeKeepAlive, SSE_HEADERS } from "./sse.js";

export class ResponseWriter {
  private stream: Writable | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  /** Bytes written since the keep-alive clock last restarted. */
  private unflushed = 0;
  private ending = false;
  private readonly gone = new AbortController();
  chunks = 0;
  status = 0;

  constructor(
    private readonly raw: awslambda.HttpResponseStream,
    private readonly requestId: string,
    private readonly keepAlive: { intervalMs: number; padBytes: number },
  ) {
    const onGone = () => {
      if (!this.ending) this.gone.abort(new Error("response stream closed"));
    };
    // Defensive only (Lambda does not report a gone viewer,
    // aws/aws-lambda-nodejs-runtime-interface-client#145): a stream that broke anyway must not crash the
    // runtime with an unhandled 'error', and further output has nowhere to go.
    raw.on("error", onGone);
    raw.on("close", onGone);
  }

  /** Aborts if the stream itself breaks before the answer ends (never for a viewer that left). */
  get clientGone(): AbortSignal {
    return this.gone.signal;
  }

  get started(): boolean {
    return this.stream !== undefined;
  }

  /** Starts the keep-alive clock: from now on bytes go out at least every `intervalMs`. */
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

  /** Returns whether the text went out (false once the stream broke). */
  private write(text: string): boolean {
    if (!this.started) this.open(200, SSE_HEADERS);
    const sent = this.send(text);
    this.unflushed += Buffer.byteLength(text);
    // Only enough bytes to pass any hold restart the clock (see the module comment).
    if (this.unflushed >= this.keepAlive.padBytes) this.armKeepAlive();
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
    this.unflushed = 0;
    if (this.ending) return;
    this.disarmKeepAlive();
    this.keepAliveTimer = setTimeout(
      () => this.write(encodeKeepAlive(this.keepAlive.padBytes)),
      this.keepAlive.intervalMs,
    );
  }

  private disarmKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}
