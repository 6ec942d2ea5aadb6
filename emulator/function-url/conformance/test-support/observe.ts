/**
 * What the conformance suite compares: everything a client of the Function URL and a reader of the
 * function's logs can observe, with the parts that differ on every run (ids, times, durations,
 * stack frames) replaced by their shape.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { sha256Hex } from "../../../aws/sigv4-canonical.js";
import { type Running, signHeaders } from "../../test-support/harness.js";

/** Headers every response carries with per-request values; compared by presence only. */
const VOLATILE_HEADERS = new Set(["date", "x-amzn-requestid", "x-amzn-trace-id"]);
/** Framing headers of the HTTP exchange itself. */
const FRAMING_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding"]);

export interface Observed {
  status: number;
  /** Response headers (volatile ones as "<present>"), framing headers left out. */
  headers: Record<string, string | string[]>;
  bodyBytes: number;
  bodySha256: string;
  /** The body as UTF-8 when short, for readable diffs. */
  bodyText?: string;
  /** False when the connection was cut before the final chunk. */
  complete: boolean;
  /** `immediate`, or `timeout` when the answer came only once the function timed out. */
  timing: "immediate" | "timeout";
}

export interface RawObservation extends Omit<Observed, "timing"> {
  elapsedMs: number;
}

/** One signed GET through real HTTP on loopback; collects every body byte. */
export async function request(running: Running, path: string): Promise<RawObservation> {
  const headers = await signHeaders(
    { method: "GET", host: running.domain, path, headers: {} },
    { credential: running.config.credentials.cloudfront },
  );
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: "127.0.0.1", port: running.port, method: "GET", path, headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("error", () => {});
        res.on("close", () => {
          clearTimeout(timer);
          resolve(summarize(res.statusCode ?? 0, res.headers, Buffer.concat(parts), res.complete, started));
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error("conformance request timed out")), 20_000);
    req.on("error", (err) => {
      clearTimeout(timer);
      if (err.message === "conformance request timed out") reject(err);
      else resolve(summarize(0, {}, Buffer.alloc(0), false, started));
    });
    req.end();
  });
}

function summarize(
  status: number,
  raw: http.IncomingHttpHeaders,
  body: Buffer,
  complete: boolean,
  started: number,
): RawObservation {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || FRAMING_HEADERS.has(name)) continue;
    headers[name] = VOLATILE_HEADERS.has(name) ? "<present>" : value;
  }
  return {
    status,
    headers,
    bodyBytes: body.byteLength,
    bodySha256: sha256Hex(body),
    bodyText: body.byteLength <= 2048 ? body.toString("utf8") : undefined,
    complete,
    elapsedMs: performance.now() - started,
  };
}

/** Timing class: the function timeout is `timeoutMs`; an answer within 80 % of it is immediate. */
export function classify(raw: RawObservation, timeoutMs: number): Observed {
  const { elapsedMs, ...rest } = raw;
  return { ...rest, timing: elapsedMs >= timeoutMs * 0.8 ? "timeout" : "immediate" };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `{"errorType":..,"errorMessage":..,...}` after a tab -> `errorType: first line of errorMessage`. */
function errorSummary(json: string): string {
  try {
    const e = JSON.parse(json) as { errorType?: string; errorMessage?: string };
    return `${e.errorType}: ${(e.errorMessage ?? "").split("\n")[0]}`;
  } catch {
    return json.split("\n")[0] ?? "";
  }
}

/**
 * The log lines both runtimes must agree on, in order, normalised:
 * - the platform's START / END / REPORT lines (shape, and whether Init Duration is reported),
 *   its `ERROR Invoke Error` summary and the timeout line;
 * - the runtime's own console lines (`<time>\t<request id>\t<LEVEL>\t<message>`), first line only,
 *   error JSON reduced to type and message;
 * - the init failure the developer is shown (`init failed: <type>: <message>`, first line).
 * Emulator chatter (compiles, cold starts, container exits, Node's crash dumps) is not compared.
 * The runtime's lines travel on another channel (stdout) than the platform's, so each group keeps
 * its own order.
 */
export function normalizeLogs(lines: readonly string[]): { platform: string[]; runtime: string[] } {
  const ids = new Map<string, string>();
  const id = (s: string) =>
    s.replace(UUID, (u) => {
      if (!ids.has(u)) ids.set(u, `R${ids.size + 1}`);
      return ids.get(u) as string;
    });
  const out: string[] = [];
  const runtime: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^\[container #\d+\] /, "");
    if (/^(START|END) RequestId: /.test(line)) out.push(id(line));
    else if (line.startsWith("REPORT RequestId: ")) {
      const init = line.includes("Init Duration") ? " +init" : "";
      out.push(`${id(line.split("\t")[0] ?? "")} Duration Billed Memory${init}`);
    } else if (/ ERROR Invoke Error /.test(line)) {
      const [head, json] = [line.slice(0, line.indexOf(" ERROR")), line.slice(line.indexOf("{"))];
      out.push(`${id(head)} ERROR Invoke Error ${errorSummary(json)}`);
    } else if (/ Task timed out after /.test(line)) out.push(id(line));
    else if (/^container #\d+ init failed: /.test(line)) {
      // First line only: RIC's require stack names its own install path.
      out.push(`init failed: ${line.replace(/^container #\d+ init failed: /, "").split(/[\r\n]/)[0]}`);
    } else {
      const fields = line.split("\t");
      if (fields.length >= 4 && ISO_TIME.test(fields[0] ?? "")) {
        const [, requestId, level, ...message] = fields;
        const first = message[0] ?? "";
        const summary = /^(Invoke|Init) Error $/.test(first)
          ? `${first}${errorSummary(message[1] ?? "")}`
          : (message.join("\t").split("\r")[0] ?? "");
        runtime.push(`${id(requestId ?? "")} ${level} ${summary}`);
      }
    }
  }
  return { platform: out, runtime };
}
