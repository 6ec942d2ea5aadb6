/**
 * Structured logs: one JSON line per request, plus warnings and errors. Never the token, the key,
 * the user's code or the query text — callers pass only the fields below.
 */
import type { LogLevel } from "./config.js";

export interface RequestLogEntry {
  requestId: string;
  /** Cognito `sub`, once the token checked out. */
  sub?: string;
  /** "OK", "CLIENT_GONE", or the pinned error code. */
  outcome: string;
  status: number;
  latencyMs: number;
  chunks: number;
  /** Whether the stream had started when the outcome was decided. */
  streamed: boolean;
  /** For INTERNAL only: the class name of the unexpected error (never its message). */
  error?: string;
}

export interface Logger {
  request(entry: RequestLogEntry): void;
  error(message: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** @example createLogger("info").request({ requestId, outcome: "OK", status: 200, latencyMs: 12, chunks: 3, streamed: true }) */
export function createLogger(level: LogLevel, write: (line: string) => void = defaultWrite): Logger {
  const emit = (lineLevel: LogLevel, fields: Record<string, unknown>) => {
    if (RANK[lineLevel] < RANK[level]) return;
    write(JSON.stringify({ timestamp: new Date().toISOString(), level: lineLevel.toUpperCase(), ...fields }));
  };
  return {
    request: (entry) => emit(entry.status >= 500 ? "error" : "info", { message: "request", ...entry }),
    error: (message, fields) => emit("error", { message, ...fields }),
  };
}

// stdout goes to CloudWatch Logs as-is; console.log would add Lambda's text prefix to the JSON line.
function defaultWrite(line: string): void {
  process.stdout.write(`${line}\n`);
}
