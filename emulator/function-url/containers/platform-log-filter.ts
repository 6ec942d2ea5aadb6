/**
 * Lambda's application log-level filter, applied where the function's output leaves its container
 * (Lambda developer guide, "Log-level filtering"): in the JSON log format, a line of the function is
 * kept only at or above the application log level; its level is the JSON `level` key, and a line
 * that is not JSON or has no valid `level` counts as INFO. The Text format filters nothing.
 * Lines of the emulator itself (cold start, START/END/REPORT) are not the function's and pass.
 */
import type { LambdaLogging } from "../../config/types.js";

const ORDER = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
type Level = (typeof ORDER)[number];
/** Spellings other loggers use for the same levels (Powertools writes CRITICAL for FATAL). */
const ALIASES: Record<string, Level> = { WARNING: "WARN", CRITICAL: "FATAL" };
const FUNCTION_LINE = /^\[container #\d+\] ([\s\S]*)$/;

/** @example const log = platformLogFilter({ logFormat: "JSON", applicationLogLevel: "WARN" }, console.log) */
export function platformLogFilter(
  logging: LambdaLogging | undefined,
  log: (line: string) => void,
): (line: string) => void {
  if (logging?.logFormat !== "JSON") return log;
  const kept = functionLineKept(logging);
  return (line) => {
    const own = FUNCTION_LINE.exec(line);
    if (own && !kept(own[1] ?? "")) return;
    log(line);
  };
}

/** Whether one line the function wrote (its own text, without the container mark) passes the filter. */
export function functionLineKept(logging: LambdaLogging | undefined): (text: string) => boolean {
  if (logging?.logFormat !== "JSON") return () => true;
  const min = ORDER.indexOf(logging.applicationLogLevel ?? "INFO");
  return (text) => ORDER.indexOf(lineLevel(text)) >= min;
}

function lineLevel(text: string): Level {
  try {
    const raw = (JSON.parse(text) as { level?: unknown } | null)?.level;
    if (typeof raw === "string") {
      const upper = raw.toUpperCase();
      return ALIASES[upper] ?? ((ORDER as readonly string[]).includes(upper) ? (upper as Level) : "INFO");
    }
  } catch {
    // Not JSON: INFO, as Lambda assigns it.
  }
  return "INFO";
}
