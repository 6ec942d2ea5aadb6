/**
 * Keeps the first bytes an invocation streams back (at most 2 KB, copied once), so a refused or failed
 * response's pinned error code (`{"error":{"code":"TOKEN_EXPIRED",...}}`) can be read when the
 * invocation ends. Nothing is parsed per chunk; the bytes are read once, and only for an error status.
 */
import type { InvocationObserver } from "../function-url/containers/execution-environment.js";

const KEEP_BYTES = 2048;
const PRELUDE_DELIMITER = Buffer.alloc(8);

export class ResponseCapture {
  private readonly parts: Buffer[] = [];
  private size = 0;

  add(chunk: Buffer): void {
    if (this.size >= KEEP_BYTES) return;
    const part = Buffer.from(chunk.subarray(0, KEEP_BYTES - this.size));
    this.parts.push(part);
    this.size += part.length;
  }

  /** `CODE: message` from a pinned error body, or null when the body is not one. */
  errorReason(): string | null {
    let bytes = Buffer.concat(this.parts, this.size);
    const at = bytes.indexOf(PRELUDE_DELIMITER);
    if (at !== -1) bytes = bytes.subarray(at + PRELUDE_DELIMITER.length);
    try {
      const parsed = JSON.parse(bytes.toString("utf8")) as { error?: { code?: unknown; message?: unknown } };
      const code = parsed.error?.code;
      if (typeof code !== "string") return null;
      const message =
        typeof parsed.error?.message === "string" ? `: ${parsed.error.message.slice(0, 200)}` : "";
      return `${code}${message}`;
    } catch {
      return null;
    }
  }
}

/** The same observer, with every body byte also offered to `capture`. */
export function capturing(observer: InvocationObserver, capture: ResponseCapture): InvocationObserver {
  return {
    head: (contentType) => observer.head(contentType),
    chunk: (data) => {
      capture.add(data);
      observer.chunk(data);
    },
    end: () => observer.end(),
    buffered: (body, contentType) => {
      capture.add(body);
      observer.buffered(body, contentType);
    },
    done: (error) => observer.done(error),
  };
}
