/** A bad environment at cold start; the message names the variable (the Init phase fails with it). */
export class ConfigError extends Error {
  override readonly name: string = "ConfigError";
}
