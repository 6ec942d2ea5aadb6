/**
 * Turns a byte stream into timestamped SSE chunks, the way the frontend sees them: every
 * `data: {"chunk": ...}` event gets the time the bytes that completed it arrived. The events are read
 * by the tools' reader of the chatbot stream (emulator/stack/chat-stream.ts).
 */
import { chatStreamReader } from "../emulator/stack/chat-stream.js";

export interface TimedChunk {
  /** performance.now() when the event's last byte arrived. */
  at: number;
  text: string;
}

export interface Timeline {
  chunks: TimedChunk[];
  /** performance.now() of the first byte of the SSE body (after any Lambda prelude). */
  firstByteAt?: number;
  done: boolean;
  errorEvent: boolean;
  /** The status the Lambda prelude declared (direct invocation only). */
  preludeStatus?: number;
}

/** Incremental SSE reader; `skipPrelude` strips a Lambda streaming prelude (JSON + 8 NUL bytes) first. */
export class SseTimeline {
  readonly timeline: Timeline = { chunks: [], done: false, errorEvent: false };
  private prelude: Buffer | undefined;
  private readonly decoder = new TextDecoder();
  /** When the bytes being read arrived: the time of every chunk they complete. */
  private at = 0;
  private readonly reader = chatStreamReader((text) => this.timeline.chunks.push({ at: this.at, text }));

  constructor(skipPrelude = false) {
    if (skipPrelude) this.prelude = Buffer.alloc(0);
  }

  push(bytes: Uint8Array, at: number): void {
    let body: Uint8Array = bytes;
    if (this.prelude) {
      const joined = Buffer.concat([this.prelude, bytes]);
      const end = joined.indexOf(Buffer.alloc(8));
      if (end < 0) {
        this.prelude = joined;
        return;
      }
      this.prelude = undefined;
      const prelude = JSON.parse(joined.subarray(0, end).toString("utf8")) as { statusCode?: number };
      this.timeline.preludeStatus = prelude.statusCode ?? 200;
      body = joined.subarray(end + 8);
    }
    if (body.byteLength === 0) return;
    this.timeline.firstByteAt ??= at;
    this.at = at;
    this.reader.feed(this.decoder.decode(body, { stream: true }));
    this.timeline.done = this.reader.stream.done;
    this.timeline.errorEvent = this.reader.stream.errorCode !== undefined;
  }
}

/**
 * Per-piece delay: for every piece the stub sent (text + send time), the time the client had
 * received that many characters. Matching by cumulative length tolerates the handler re-chunking.
 * Returns undefined when the texts differ (then the run is not comparable).
 */
export function pieceDelays(
  sent: readonly TimedChunk[],
  received: readonly TimedChunk[],
): number[] | undefined {
  const sentText = sent.map((p) => p.text).join("");
  const receivedText = received.map((c) => c.text).join("");
  if (sentText !== receivedText || sent.length === 0) return undefined;
  const delays: number[] = [];
  let sentChars = 0;
  let recvChars = 0;
  let j = 0;
  for (const piece of sent) {
    sentChars += piece.text.length;
    while (recvChars < sentChars && j < received.length) {
      recvChars += received[j]?.text.length ?? 0;
      j++;
    }
    const arrival = received[j - 1];
    if (arrival === undefined) return undefined;
    delays.push(arrival.at - piece.at);
  }
  return delays;
}
