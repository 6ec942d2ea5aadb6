/**
 * The worker runtime's copy of what AWS's runtime client does around the handler, so a function
 * behaves (and logs) the same under both runtimes. Source: aws-lambda-ric 4.0.2 (`index.mjs`:
 * `utils/errors`, `utils/error`, `utils/handler-path`, `function/module-loader`,
 * `function/handler-resolver`, `function/callback-deprecation`, `logging/stdout-logger`,
 * `context/context-builder`). The conformance suite checks the copy against the original.
 */
import { type ConsoleLevel, consoleLevelEnabled, formatConsoleLine } from "./log-format.js";

export interface FormattedError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** RIC `formatError`: what goes to the Runtime API (and into the error trailers). */
export function formatError(error: unknown): FormattedError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function withEnumerableProperties(value: unknown): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = Object.assign(
      { errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code },
      value as unknown as Record<string, unknown>,
    );
    if (typeof value.stack === "string") out.stack = value.stack.split("\n");
    return out;
  }
  return value;
}

/** RIC `toFormatted`: the tab-prefixed JSON after "Invoke Error" / "Init Error" in the log. */
export function toFormatted(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  try {
    return `\t${JSON.stringify(err, (_k, v) => withEnumerableProperties(v))}`;
  } catch {
    return `\t${JSON.stringify(formatError(err))}`;
  }
}

function runtimeError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** RIC `parseHandlerString`: `dir/index.handler` -> root `dir`, module `index`, export path `handler`. */
export function parseHandler(handler: string): {
  moduleRoot: string;
  moduleName: string;
  handlerName: string;
} {
  const base = handler.slice(handler.lastIndexOf("/") + 1);
  const moduleRoot = handler.slice(0, handler.indexOf(base)).replace(/\/$/, "");
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw runtimeError("Runtime.MalformedHandlerName", "Bad handler");
  return { moduleRoot, moduleName: match[1] ?? "", handlerName: match[2] ?? "" };
}

/** RIC's answer when `_HANDLER` names a module that is not in the task root (Node's require error). */
export function moduleNotFound(moduleName: string, requireStack: string): Error {
  return runtimeError(
    "Runtime.ImportModuleError",
    `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${requireStack}`,
  );
}

/** RIC `loadModule`'s error mapping: syntax errors and missing CommonJS modules get runtime types. */
export function importError(err: unknown): unknown {
  if (err instanceof SyntaxError) {
    const wrapped = runtimeError("Runtime.UserCodeSyntaxError", String(err));
    wrapped.stack = err.stack;
    return wrapped;
  }
  if (err instanceof Error && (err as { code?: unknown }).code === "MODULE_NOT_FOUND") {
    return runtimeError("Runtime.ImportModuleError", String(err));
  }
  return err;
}

/** RIC `resolveHandler`: a dotted export path, also looked up under `default`. */
export function resolveHandler(module: unknown, handlerName: string, handler: string): unknown {
  const findIn = (from: unknown) =>
    handlerName
      .split(".")
      .reduce<unknown>(
        (nested, key) =>
          nested && typeof nested === "object" ? (nested as Record<string, unknown>)[key] : undefined,
        from,
      );
  let found = findIn(module);
  if (!found && typeof module === "object" && module !== null && "default" in module) {
    found = findIn((module as { default: unknown }).default);
  }
  if (!found) throw runtimeError("Runtime.HandlerNotFound", `${handler} is undefined or not exported`);
  if (typeof found !== "function")
    throw runtimeError("Runtime.HandlerNotFound", `${handler} is not a function`);
  return found;
}

const CALLBACK_ERROR_NODEJS22 =
  "ERROR: AWS Lambda does not support callback-based function handlers when using Node.js 22 with Managed Instances. To use Managed Instances, modify this function to use a supported handler signature. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.";
const CALLBACK_ERROR_NODEJS24_ABOVE =
  "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.";

/** RIC `errorOnDeprecatedCallback`: a non-streaming handler declaring 3+ parameters fails Init. */
export function checkCallbackHandler(handler: (...args: never[]) => unknown, streaming: boolean): void {
  if (handler.length < 3 || streaming) return;
  const message =
    process.env.AWS_EXECUTION_ENV === "AWS_Lambda_nodejs22.x"
      ? CALLBACK_ERROR_NODEJS22
      : CALLBACK_ERROR_NODEJS24_ABOVE;
  throw runtimeError("Runtime.CallbackHandlerDeprecated", message);
}

/** RIC `serializeToJSON`: a buffered handler's return value as posted (undefined becomes null). */
export function serializeToJSON(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch {
    throw runtimeError("Runtime.JSONStringifyError", "Unable to stringify response body");
  }
}

/**
 * RIC `LogPatch`: every console line is `<ISO time>\t<request id>\t<LEVEL>\t<message>` (or JSON under
 * AWS_LAMBDA_LOG_FORMAT=JSON, and below AWS_LAMBDA_LOG_LEVEL nothing: log-format.ts), newlines inside a
 * message become carriage returns, `console.log` is INFO.
 */
export function patchConsole(requestId: () => string, write: (line: string) => void): void {
  const line = (level: ConsoleLevel) =>
    consoleLevelEnabled(level)
      ? (...params: unknown[]) => write(formatConsoleLine(level, requestId(), params))
      : () => {};
  const c = console as unknown as Record<string, unknown>;
  c.trace = line("TRACE");
  c.debug = line("DEBUG");
  c.info = line("INFO");
  c.warn = line("WARN");
  c.error = line("ERROR");
  c.fatal = line("FATAL");
  c.log = c.info;
}
