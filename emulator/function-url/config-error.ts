/** Function URL settings the service cannot start with (two URLs with one url-id); thrown before it listens. */
export class FunctionUrlConfigError extends Error {
  override name = "FunctionUrlConfigError";
}
