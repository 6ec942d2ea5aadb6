/**
 * Keeps the first bytes an invocation streams back (at most 2 KB, copied once) for whoever listens to
 * the invocation's end: enough to read a refused or failed response's pinned error body. Nothing is
 * parsed here; the bytes are handed over once, after the streaming prelude.
 */
import type { InvocationObserver } from "../containers/execution-environment.js";

const KEEP_BYTES = 2048;
/** The 8 zero bytes that end a streamed response's prelude (its status and headers). */
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

  /** The kept bytes of the body: what follows the prelude when there was one. */
  bodyHead(): Buffer {
    const bytes = Buffer.concat(this.parts, this.size);
    const at = bytes.indexOf(PRELUDE_DELIMITER);
    return at === -1 ? bytes : bytes.subarray(at + PRELUDE_DELIMITER.length);
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
