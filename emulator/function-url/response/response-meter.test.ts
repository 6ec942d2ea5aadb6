/**
 * The sandbox's meter on a streamed response, against the Runtime Interface Emulator
 * (aws/aws-lambda-runtime-interface-emulator, commit 4fa2157): `core/bandwidthlimiter` (a bucket that
 * starts full, refilled every 125 ms, writes wait for tokens, larger ones split) and
 * `core/directinvoke/directinvoke.go` asyncPayloadCopy (the copy stops one byte past the limit, then
 * `ErrorResponseTooLarge`). Sizes are small here; the defaults are AWS's (6 MiB, 2 MiB/s, 200 MB).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ResponseLimits } from "../../config/types.js";
import type { ErrorInfo } from "../containers/platform-types.js";
import { createResponseMeter } from "./response-meter.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A bucket of 100 bytes refilled with 100 bytes every 125 ms (800 B/s). */
const SMALL: ResponseLimits = { maxBytes: 10_000, burstBytes: 100, bytesPerSecond: 800 };

function meter(limits: ResponseLimits = SMALL) {
  const out: string[] = [];
  const oversized: ErrorInfo[] = [];
  const m = createResponseMeter(
    limits,
    (chunk) => out.push(chunk.toString()),
    (error) => oversized.push(error),
  );
  return { m, out, oversized, push: (text: string) => m.push(Buffer.from(text)) };
}

describe("bandwidth (bandwidthlimiter: token bucket, 125 ms refill)", () => {
  it("passes each chunk on at once while the burst lasts: one write out per write in", () => {
    const { push, out } = meter();
    push("a".repeat(40));
    push("b".repeat(60));
    expect(out).toEqual(["a".repeat(40), "b".repeat(60)]);
  });

  it("past the burst, a chunk waits for the refill that gives it enough tokens", () => {
    const { push, out } = meter();
    push("a".repeat(100));
    push("b".repeat(50));
    expect(out).toHaveLength(1);
    vi.advanceTimersByTime(124);
    expect(out).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(["a".repeat(100), "b".repeat(50)]);
  });

  it("a write larger than the bucket goes out in bucket-sized pieces, one refill apart", () => {
    const { push, out } = meter();
    push("c".repeat(250));
    expect(out.map((p) => p.length)).toEqual([100]);
    vi.advanceTimersByTime(125);
    expect(out.map((p) => p.length)).toEqual([100, 100]);
    vi.advanceTimersByTime(125);
    expect(out.map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it("whenDrained waits for what the bucket holds back; cancel (a timeout's reset) drops it", () => {
    const { m, push, out } = meter();
    push("a".repeat(100));
    push("b".repeat(100));
    let drained = false;
    m.whenDrained(() => {
      drained = true;
    });
    expect(drained).toBe(false);
    m.cancel();
    expect(drained).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(out).toEqual(["a".repeat(100)]);
  });
});

describe("the response limit (asyncPayloadCopy: io.LimitReader(payload, max+1))", () => {
  it("passes max+1 bytes on, then fails the invocation with Function.ResponseSizeTooLarge; later bytes are dropped", () => {
    const { push, out, oversized } = meter({ ...SMALL, maxBytes: 10 });
    push("123456");
    expect(oversized).toEqual([]);
    push("789012");
    push("more");
    expect(out.join("")).toBe("12345678901");
    expect(oversized).toEqual([
      {
        errorType: "Function.ResponseSizeTooLarge",
        errorMessage: "Response payload size (11 bytes) exceeded maximum allowed payload size (10 bytes).",
      },
    ]);
  });

  it("a response of exactly the limit is fine", () => {
    const { push, out, oversized } = meter({ ...SMALL, maxBytes: 10 });
    push("1234567890");
    expect(out.join("")).toBe("1234567890");
    expect(oversized).toEqual([]);
  });

  it("the failure comes once the bytes before it went on through the bucket", () => {
    const { push, oversized } = meter({ maxBytes: 150, burstBytes: 100, bytesPerSecond: 800 });
    push("d".repeat(200));
    expect(oversized).toEqual([]);
    vi.advanceTimersByTime(125);
    expect(oversized).toHaveLength(1);
  });
});
