/**
 * The repository's `.env` file, read the way docker-compose reads it for the compose file: plain
 * `NAME=value` lines, `#` comments, optional quotes; variables already in the environment win.
 */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConfigError } from "./errors.js";

/** The variables `file` defines; none when it does not exist. */
export function readDotEnv(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseEnv(text) as Record<string, string>;
}
