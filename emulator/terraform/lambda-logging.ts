/**
 * `aws_lambda_function.logging_config` as Lambda applies it (Lambda API reference, LoggingConfig;
 * developer guide, "Log-level filtering"): no block means the Text format; log levels exist only in
 * the JSON format, where an unset application or system level is INFO, and the API refuses them with
 * Text.
 */

import { type SourceLocation, TerraformValueError } from "./errors.js";
import type { LambdaLogging } from "./facts.js";

/** Lambda's application log levels, in order (also FUNCTION_LOG_LEVEL's values: config/settings.ts). */
export const APPLICATION_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
/** Lambda's system log levels. */
export const SYSTEM_LEVELS = ["DEBUG", "INFO", "WARN"] as const;

export interface LoggingBlockReader {
  /** The attribute's value, or undefined when it is not set. */
  read(name: string): Promise<string | undefined>;
  /** Where the attribute (or, without a name, the block) is written, for errors. */
  at(name?: string): SourceLocation;
}

/** @example await readLambdaLogging(true, reader) // { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "INFO" } */
export async function readLambdaLogging(present: boolean, block: LoggingBlockReader): Promise<LambdaLogging> {
  if (!present) return { logFormat: "Text" };
  const format = (await block.read("log_format")) ?? "Text";
  if (format !== "Text" && format !== "JSON") {
    throw new TerraformValueError(block.at("log_format"), `log_format must be Text or JSON, got ${format}`);
  }
  const application = await block.read("application_log_level");
  const system = await block.read("system_log_level");
  if (format === "Text") {
    if (application !== undefined || system !== undefined) {
      throw new TerraformValueError(
        block.at(),
        'application_log_level and system_log_level need log_format = "JSON"',
      );
    }
    return { logFormat: "Text" };
  }
  return {
    logFormat: "JSON",
    applicationLogLevel: oneOf(application ?? "INFO", APPLICATION_LEVELS, block.at("application_log_level")),
    systemLogLevel: oneOf(system ?? "INFO", SYSTEM_LEVELS, block.at("system_log_level")),
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], at: SourceLocation): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new TerraformValueError(at, `${value} is not one of ${allowed.join(", ")}`);
}
