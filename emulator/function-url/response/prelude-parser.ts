/**
 * Reads the `application/vnd.awslambda.http-integration-response` framing back into status and headers:
 * `JSON.stringify(prelude)`, then 8 NUL bytes, then the body (RIC `HttpResponseStream`).
 */

export interface HttpPrelude {
  statusCode: number;
  headers: Record<string, string | string[]>;
}

export type PreludeStep =
  | { done: false }
  | { done: true; prelude: HttpPrelude; rest: Buffer }
  | { done: true; error: string };

const DELIMITER_LEN = 8;

function toPrelude(json: unknown): HttpPrelude {
  const raw = (json ?? {}) as { statusCode?: unknown; headers?: unknown; cookies?: unknown };
  // statusCode defaults to 200.
  const statusCode = typeof raw.statusCode === "number" ? raw.statusCode : Number(raw.statusCode ?? 200);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new Error(`invalid statusCode in prelude: ${String(raw.statusCode)}`);
  }
  const headers: Record<string, string | string[]> = {};
  if (raw.headers !== null && typeof raw.headers === "object") {
    for (const [name, value] of Object.entries(raw.headers as Record<string, unknown>)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  // cookies become set-cookie headers.
  if (Array.isArray(raw.cookies) && raw.cookies.length > 0) {
    const existing = headers["set-cookie"];
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    headers["set-cookie"] = [...list, ...raw.cookies.map(String)];
  }
  return { statusCode, headers };
}

/** Feed chunks until the delimiter shows up; then it hands back the prelude and the body bytes after it. */
export class PreludeParser {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): PreludeStep {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const at = this.delimiterIndex();
    if (at < 0) return { done: false };
    try {
      const prelude = toPrelude(JSON.parse(this.buffered.subarray(0, at).toString("utf8")));
      return { done: true, prelude, rest: this.buffered.subarray(at + DELIMITER_LEN) };
    } catch (err) {
      return { done: true, error: (err as Error).message };
    }
  }

  /** Bytes seen so far without a complete prelude. */
  get pendingBytes(): number {
    return this.buffered.byteLength;
  }

  private delimiterIndex(): number {
    let from = 0;
    for (;;) {
      const at = this.buffered.indexOf(0, from);
      if (at < 0 || at + DELIMITER_LEN > this.buffered.byteLength) return -1;
      let all = true;
      for (let i = 1; i < DELIMITER_LEN; i++) {
        if (this.buffered[at + i] !== 0) {
          all = false;
          break;
        }
      }
      if (all) return at;
      from = at + 1;
    }
  }
}
