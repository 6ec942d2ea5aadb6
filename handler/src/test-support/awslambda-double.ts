/**
 * A faithful test double of the Lambda runtime's `awslambda` global, after
 * aws/aws-lambda-nodejs-runtime-interface-client (`HttpResponseStream.js`, `StreamingContextUtils`):
 * - `streamifyResponse(fn)` marks fn with Symbol.for("aws.lambda.runtime.handler.streaming") = "response";
 * - `HttpResponseStream.from(stream, prelude)` sets the content type
 *   `application/vnd.awslambda.http-integration-response` and, on the first write, emits
 *   JSON.stringify(prelude) then 8 NUL bytes, then the body; it returns the same stream.
 *
 * The emulator has its own copy for the functions it runs (emulator/function-url/runtimes/workers/worker/awslambda.ts,
 * production code of the twin); the handler's tests import nothing from emulator/, so they keep this
 * small recorder, which also lets a test see every write as it happens (`onWrite`).
 */
import { Writable } from "node:stream";

export const STREAMING_SYMBOL = Symbol.for("aws.lambda.runtime.handler.streaming");
const PRELUDE_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

/** Records every byte the handler writes, like the runtime's response stream. */
export class FakeResponseStream extends Writable {
  readonly writes: Buffer[] = [];
  contentType = "application/octet-stream";
  /** Set by `HttpResponseStream.from`; the runtime calls it right before the first write. */
  _onBeforeFirstWrite: ((write: (chunk: string | Uint8Array) => void) => void) | undefined;
  private started = false;
  /** Called after each recorded write (tests use it to react to output). */
  onWrite: ((chunk: Buffer) => void) | undefined;

  setContentType(contentType: string): void {
    // The runtime refuses a content type once bytes went out.
    if (this.started) throw new Error("Cannot set content-type, too late.");
    this.contentType = contentType;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.started) {
      this.started = true;
      this._onBeforeFirstWrite?.((piece) => this.writes.push(Buffer.from(piece)));
    }
    this.writes.push(chunk);
    this.onWrite?.(chunk);
    callback();
  }

  /** All bytes, as the Runtime API would receive them. */
  raw(): Buffer {
    return Buffer.concat(this.writes);
  }

  /** Splits the raw bytes at the 8-NUL delimiter into the parsed prelude and the body text. */
  response(): { statusCode: number; headers: Record<string, string>; body: string } {
    const raw = this.raw();
    const at = raw.indexOf(Buffer.alloc(8));
    if (at < 0) throw new Error("no prelude delimiter was written");
    const prelude = JSON.parse(raw.subarray(0, at).toString("utf8")) as {
      statusCode?: number;
      headers?: Record<string, string>;
    };
    return {
      statusCode: prelude.statusCode ?? 200,
      headers: prelude.headers ?? {},
      body: raw.subarray(at + 8).toString("utf8"),
    };
  }
}

interface AwslambdaDouble {
  streamifyResponse<T>(fn: T): T;
  HttpResponseStream: { from(stream: Writable, prelude: Record<string, unknown>): Writable };
}

/** Installs the double on globalThis (idempotent) and returns it. */
export function installAwslambda(): AwslambdaDouble {
  const double: AwslambdaDouble = {
    streamifyResponse(fn) {
      (fn as Record<symbol, unknown>)[STREAMING_SYMBOL] = "response";
      return fn;
    },
    HttpResponseStream: {
      from(stream, prelude) {
        const target = stream as FakeResponseStream;
        target.setContentType(PRELUDE_CONTENT_TYPE);
        const json = JSON.stringify(prelude);
        target._onBeforeFirstWrite = (write) => {
          write(json);
          write(new Uint8Array(8));
        };
        return stream;
      },
    },
  };
  (globalThis as { awslambda?: unknown }).awslambda = double;
  return double;
}
