/**
 * Structured logs on @aws-lambda-powertools/logger: one JSON line per request, plus debug, warn and
 * error lines. Never the token, the key, the user's code or the query text: callers pass only
 * fields, and every message and stack goes through `redact` first.
 *
 * Lines are JSON with Powertools' keys (`level`, `message`, `timestamp`, `service`), which is also
 * what Lambda's JSON log format expects: with application log level filtering, Lambda reads the
 * `level` key of JSON lines (Lambda developer guide, "Configuring advanced logging controls").
 */

import type { LogItem } from "@aws-lambda-powertools/logger";
import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { LogLevel } from "./config.js";
import { redact } from "./redact.js";

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
  /** For INTERNAL only: the class name of the unexpected error (its redacted message is logged apart). */
  error?: string;
}

/** Extra fields on a line (e.g. `requestId`, `chatId`); values must not be secrets. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  request(entry: RequestLogEntry & LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /**
   * A failure with its class, message and stack, secrets redacted (at error level unless `level` says
   * otherwise); `inputs` are this request's own texts (query, code), scrubbed too.
   */
  exception(message: string, error: unknown, options?: ExceptionOptions): void;
}

export interface ExceptionOptions {
  fields?: LogFields;
  inputs?: readonly string[];
  level?: "warn" | "error";
}

export interface LoggerOptions {
  /** Where each JSON line goes (default: stdout). */
  write?: (line: string) => void;
  /** Exact values never to print (e.g. the Gemini key when it is set in the environment). */
  secrets?: readonly string[];
  /** `service` key on every line (Powertools reads POWERTOOLS_SERVICE_NAME when this is unset). */
  serviceName?: string;
}

/**
 * `level` is the resolved level (see `resolveLogLevel` in config.ts). Powertools itself also gives
 * AWS_LAMBDA_LOG_LEVEL precedence over the level passed here (its "Advanced Logging Controls" rule),
 * which agrees with that resolution.
 * @example createLogger("info").request({ requestId, outcome: "OK", status: 200, latencyMs: 12, chunks: 3, streamed: true })
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const write = options.write ?? defaultWrite;
  const secrets = options.secrets ?? [];
  // printLog is Powertools' documented extension point for where a formatted line goes.
  class LineLogger extends PowertoolsLogger {
    protected override printLog(_level: number, log: LogItem): void {
      log.prepareForPrint();
      write(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
    }
  }
  const logger = new LineLogger({
    logLevel: level.toUpperCase() as "INFO",
    ...(options.serviceName ? { serviceName: options.serviceName } : {}),
  });
  const clean = (text: string) => redact(text, secrets);
  return {
    request: (entry) =>
      entry.status >= 500 ? logger.error("request", { ...entry }) : logger.info("request", { ...entry }),
    debug: (message, fields) => logger.debug(clean(message), { ...fields }),
    info: (message, fields) => logger.info(clean(message), { ...fields }),
    warn: (message, fields) => logger.warn(clean(message), { ...fields }),
    error: (message, fields) => logger.error(clean(message), { ...fields }),
    exception: (message, error, { fields, inputs = [], level = "error" } = {}) => {
      const scrub = (text: string) => redact(text, [...secrets, ...inputs]);
      logger[level](scrub(message), { ...fields, exception: describe(error, scrub) });
    },
  };
}

/** Class, message and stack as plain strings, each redacted (an Error object would bypass `redact`). */
function describe(error: unknown, clean: (text: string) => string): Record<string, string> {
  if (!(error instanceof Error)) return { name: typeof error, message: clean(String(error)) };
  return { name: error.name, message: clean(error.message), stack: clean(error.stack ?? "") };
}

// stdout goes to CloudWatch Logs as-is; console.log would add Lambda's text prefix to the JSON line.
function defaultWrite(line: string): void {
  process.stdout.write(`${line}\n`);
}
