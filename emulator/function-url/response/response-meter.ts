/**
 * What Lambda's sandbox does to the bytes a runtime sends in a streaming invocation before they go on,
 * as the Runtime Interface Emulator does it (aws/aws-lambda-runtime-interface-emulator, commit 4fa2157,
 * read 2026-12-07; `internal/lambda/core/directinvoke/directinvoke.go` asyncPayloadCopy and `util.go`
 * NewStreamedResponseWriter, `internal/lambda/core/bandwidthlimiter`):
 *
 * - every chunk is passed on as it comes (`FlushingWriter` flushes after each write);
 * - a token bucket paces them: it starts full (`burstBytes`, 6 MiB), a chunk waits until the bucket
 *   holds its size, and `bytesPerSecond` / 8 tokens are added every 125 ms from the first chunk on
 *   (writes larger than the bucket are split into bucket-sized pieces);
 * - the copy stops one byte past the invocation's limit (`io.LimitReader(payload, max+1)`): those
 *   max+1 bytes go out, then the invocation fails with `Function.ResponseSizeTooLarge`
 *   ("Response payload size (N bytes) exceeded maximum allowed payload size (M bytes)."). In a
 *   streaming invocation this holds for a buffered response too (`sendStreamingInvokeResponse` serves
 *   both), so its 6 MB buffered limit does not apply there.
 *
 * Bytes count as the runtime sent them: the HTTP integration prelude is part of the response.
 *
 * @example
 * const meter = createResponseMeter(limits, (chunk) => deliver(chunk), (error) => cut(error));
 * meter.push(Buffer.from("data: hi\n\n"));
 * meter.whenDrained(() => endResponse());
 */
import { BANDWIDTH_REFILL_INTERVAL_MS } from "../../aws/lambda-limits.js";
import type { ResponseLimits } from "../../config/types.js";
import type { ErrorInfo } from "../containers/platform-types.js";

export interface ResponseMeter {
  /** Bytes from the runtime, in order. */
  push(chunk: Buffer): void;
  /** Runs `callback` once every byte pushed so far went on (at once when nothing waits). */
  whenDrained(callback: () => void): void;
  /** No more bytes will come: the bucket's clock stops once everything went on. */
  stop(): void;
  /** The invocation was reset (a timeout): what waits for tokens is dropped, waiting callbacks run. */
  cancel(): void;
}

/** The invocation's error once its response went past the limit (RIE `ErrorResponseTooLarge`). */
export function responseTooLarge(responseBytes: number, maxBytes: number): ErrorInfo {
  return {
    errorType: "Function.ResponseSizeTooLarge",
    errorMessage: `Response payload size (${responseBytes} bytes) exceeded maximum allowed payload size (${maxBytes} bytes).`,
  };
}

class TokenBucketMeter implements ResponseMeter {
  private tokens: number;
  private readonly refill: number;
  private readonly queue: Buffer[] = [];
  private readonly drained: (() => void)[] = [];
  private ticker?: NodeJS.Timeout;
  private copied = 0;
  private stopped = false;

  constructor(
    private readonly limits: ResponseLimits,
    private readonly forward: (chunk: Buffer) => void,
    private readonly oversized: (error: ErrorInfo) => void,
  ) {
    this.tokens = limits.burstBytes;
    this.refill = Math.max(1, Math.floor((limits.bytesPerSecond * BANDWIDTH_REFILL_INTERVAL_MS) / 1000));
  }

  push(chunk: Buffer): void {
    if (this.stopped || chunk.byteLength === 0) return;
    const room = this.limits.maxBytes + 1 - this.copied;
    const piece = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    this.copied += piece.byteLength;
    this.ticker ??= setInterval(() => this.tick(), BANDWIDTH_REFILL_INTERVAL_MS).unref();
    for (let at = 0; at < piece.byteLength; at += this.limits.burstBytes) {
      this.queue.push(piece.subarray(at, at + this.limits.burstBytes));
    }
    if (this.copied > this.limits.maxBytes) {
      this.stopped = true;
      const error = responseTooLarge(this.copied, this.limits.maxBytes);
      this.whenDrained(() => this.oversized(error));
    }
    this.release();
  }

  whenDrained(callback: () => void): void {
    if (this.queue.length === 0) callback();
    else this.drained.push(callback);
  }

  cancel(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.release();
  }

  private tick(): void {
    this.tokens = Math.min(this.limits.burstBytes, this.tokens + this.refill);
    this.release();
  }

  /** Sends what the bucket allows, in order; runs the drained callbacks once nothing waits. */
  private release(): void {
    for (let next = this.queue[0]; next && next.byteLength <= this.tokens; next = this.queue[0]) {
      this.queue.shift();
      this.tokens -= next.byteLength;
      this.forward(next);
    }
    if (this.queue.length > 0) return;
    if (this.stopped && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    for (const callback of this.drained.splice(0)) callback();
  }

  stop(): void {
    this.whenDrained(() => {
      if (this.ticker) clearInterval(this.ticker);
      this.ticker = undefined;
    });
  }
}

/** `forward` gets the bytes as the bucket lets them go; `oversized` fires once, after the limit's bytes went on. */
export function createResponseMeter(
  limits: ResponseLimits,
  forward: (chunk: Buffer) => void,
  oversized: (error: ErrorInfo) => void,
): ResponseMeter {
  return new TokenBucketMeter(limits, forward, oversized);
}
