/** A configuration that cannot be used: the message says which source and what is wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
