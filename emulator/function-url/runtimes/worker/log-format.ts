/**
 * Lambda's log controls inside the function, as aws-lambda-ric 4.0.2 applies them (`index.mjs`:
 * `utils/env` determineLogFormat/determineLogLevel, `logging/formatter`, `BaseLogger.shouldLog`; the
 * same rules as `src/LogPatch.js` on GitHub):
 * AWS_LAMBDA_LOG_FORMAT=JSON turns every console line into `{timestamp, level, requestId, message}`
 * (an Error as errorType/errorMessage/stackTrace), anything else is the TEXT line; AWS_LAMBDA_LOG_LEVEL
 * silences the console methods below it (unset or unknown means TRACE: everything prints).
 */
import { format } from "node:util";

export type ConsoleLevel = "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";

const ORDER: readonly ConsoleLevel[] = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

/** Whether `console.<level>` prints under AWS_LAMBDA_LOG_LEVEL (RIC `_patchConsoleWith`). */
export function consoleLevelEnabled(level: ConsoleLevel, env: NodeJS.ProcessEnv = process.env): boolean {
  const min = ORDER.indexOf((env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() ?? "TRACE") as ConsoleLevel);
  return ORDER.indexOf(level) >= Math.max(min, 0);
}

/** One console call as the RIC writes it, newlines turned into carriage returns. */
export function formatConsoleLine(
  level: ConsoleLevel,
  requestId: string,
  params: unknown[],
  env: NodeJS.ProcessEnv = process.env,
): string {
  const time = new Date().toISOString();
  const line =
    env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === "JSON"
      ? jsonLine(time, level, requestId, params)
      : [time, requestId, level, format(...params)].join("\t");
  return line.replace(/\n/g, "\r");
}

// RIC `formatJsonMessage` and `jsonErrorReplacer` (logging/formatter).
function jsonLine(timestamp: string, level: ConsoleLevel, requestId: string, params: unknown[]): string {
  const result: Record<string, unknown> = { timestamp, level, requestId };
  if (params.length === 1) {
    result.message = params[0];
    try {
      return JSON.stringify(result, errorReplacer);
    } catch {
      result.message = format(params[0]);
      return JSON.stringify(result);
    }
  }
  result.message = format(...params);
  const error = params.find((p): p is Error => p instanceof Error);
  if (error) Object.assign(result, serializeError(error));
  return JSON.stringify(result);
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { ...serializeError(value), ...value } : value;
}

function serializeError(error: Error): Record<string, unknown> {
  return {
    errorType: error.constructor?.name ?? "UnknownError",
    errorMessage: error.message,
    stackTrace: typeof error.stack === "string" ? error.stack.split("\n") : [],
  };
}
