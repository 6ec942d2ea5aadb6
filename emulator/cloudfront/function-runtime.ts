import { readFileSync, statSync } from "node:fs";
import vm from "node:vm";
import { CloudFrontConfigError, CloudFrontFunctionExecutionError } from "./errors.js";
import type { CfRequest, CfResponse, ViewerRequestEvent } from "./function-event.js";

/** Maximum function code size, 10 KB (CloudFront developer guide, quotas on CloudFront Functions). */
export const MAX_FUNCTION_CODE_BYTES = 10 * 1024;

/**
 * Time budget for one invocation. Assumption: CloudFront measures "compute utilization" (about 1 ms of
 * CPU is widely reported) and documents no millisecond figure. node:vm's timeout is wall-clock time, and
 * on a shared, loaded machine an ordinary invocation (median under 1 ms) was measured taking 30-50 ms, so
 * the default is 1 s: runaway code is still killed, ordinary code never is. Tests pass a smaller value.
 */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 1000;

export type FunctionResult =
  | { kind: "request"; request: CfRequest }
  | { kind: "response"; response: CfResponse };

export interface ViewerRequestFunction {
  readonly name: string;
  /** Runs the handler once, in a fresh sandbox; throws `CloudFrontFunctionExecutionError`. */
  run(event: ViewerRequestEvent): FunctionResult;
}

// Runs inside the sandbox. The event crosses in and the result crosses out as JSON, so no object from
// the emulator's realm is reachable from function code. Microtasks run before `runInContext` returns
// (microtaskMode "afterEvaluate"), so an async handler settles within the same CPU budget.
const INVOKE_SOURCE = `
(function () {
  function done(ok, value) {
    if (ok) { __cf_out = { ok: true, json: JSON.stringify(value === undefined ? null : value) }; }
    else { __cf_out = { ok: false, message: String(value && value.stack ? value.stack : value) }; }
  }
  try {
    if (typeof handler !== "function") { throw new Error("handler is not a function"); }
    var result = handler(JSON.parse(__cf_event_json));
    if (result && typeof result.then === "function") {
      result.then(function (v) { done(true, v); }, function (e) { done(false, e); });
    } else { done(true, result); }
  } catch (e) { done(false, e); }
})();`;

export interface LoadFunctionOptions {
  name: string;
  file: string;
  timeoutMs?: number;
  /** Receives the function's `console.log` lines (CloudFront sends them to CloudWatch Logs). */
  log?: (line: string) => void;
}

/**
 * Loads and compiles a CloudFront Function once, at start. Oversized code or a syntax error throws a
 * `CloudFrontConfigError` naming the file, as CloudFront refuses to publish such a function.
 *
 * @example
 * const fn = loadViewerRequestFunction({ name: "fwd", file: "terraform/functions/forward-authorization.js" });
 * const result = fn.run(event); // { kind: "request", request } or { kind: "response", response }
 */
export function loadViewerRequestFunction(options: LoadFunctionOptions): ViewerRequestFunction {
  const { name, file } = options;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: cannot read ${file}: ${(error as Error).message}`,
    );
  }
  if (size > MAX_FUNCTION_CODE_BYTES) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: ${file} is ${size} bytes; the function code size limit is ${MAX_FUNCTION_CODE_BYTES} bytes (10 KB).`,
    );
  }
  const code = readFileSync(file, "utf8");
  return compileViewerRequestFunction(code, options);
}

/** Compiles function source given as text (see `loadViewerRequestFunction`). */
export function compileViewerRequestFunction(
  code: string,
  options: LoadFunctionOptions,
): ViewerRequestFunction {
  const { name, file } = options;
  const timeout = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  const log = options.log ?? (() => {});
  if (Buffer.byteLength(code) > MAX_FUNCTION_CODE_BYTES) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: ${file} exceeds the function code size limit of ${MAX_FUNCTION_CODE_BYTES} bytes (10 KB).`,
    );
  }
  let script: vm.Script;
  try {
    // Compiled alone first, so a syntax error names the function's own file and line.
    new vm.Script(code, { filename: file });
    // Then with the invoker appended: one run per request means one CPU-budget watchdog, not two
    // (node:vm starts a thread for every `timeout`). The function's line numbers stay the same.
    script = new vm.Script(`${code}\n;${INVOKE_SOURCE}`, { filename: file });
  } catch (error) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: ${file} does not compile: ${(error as Error).message}`,
    );
  }

  // The ECMAScript built-ins plus console: no require/import, process, timers, fetch or fs.
  // Assumption: CloudFront Functions do not allow eval / new Function or WebAssembly.
  const freshContext = () =>
    vm.createContext(
      { console: { log: (...args: unknown[]) => log(`[${name}] ${args.map(String).join(" ")}`) } },
      { codeGeneration: { strings: false, wasm: false }, microtaskMode: "afterEvaluate" },
    );
  // A fresh context per invocation (no state survives between requests), made ahead of time so that
  // building it is off the request path.
  let spare: vm.Context | undefined;

  return {
    name,
    run(event) {
      const context = spare ?? freshContext();
      spare = undefined;
      setImmediate(() => {
        spare ??= freshContext();
      });
      context.__cf_event_json = JSON.stringify(event);
      try {
        script.runInContext(context, { timeout });
      } catch (error) {
        const message =
          (error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT"
            ? `exceeded its CPU budget of ${timeout} ms`
            : `threw: ${String((error as Error)?.message ?? error)}`;
        throw new CloudFrontFunctionExecutionError(`CloudFront Function ${name} ${message}`);
      }
      const out = context.__cf_out as { ok: boolean; json?: string; message?: string } | undefined;
      if (!out) {
        throw new CloudFrontFunctionExecutionError(
          `CloudFront Function ${name} returned a promise that never settled`,
        );
      }
      if (!out.ok)
        throw new CloudFrontFunctionExecutionError(`CloudFront Function ${name} threw: ${out.message}`);
      return interpretResult(name, JSON.parse(out.json ?? "null"));
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A response has `statusCode`; anything else must be a request with `uri` (functions-event-structure). */
function interpretResult(name: string, value: unknown): FunctionResult {
  if (isObject(value) && "statusCode" in value) {
    const status = value.statusCode;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new CloudFrontFunctionExecutionError(
        `CloudFront Function ${name} returned an invalid statusCode`,
      );
    }
    return { kind: "response", response: value as unknown as CfResponse };
  }
  if (isObject(value) && typeof value.uri === "string" && isObject(value.headers)) {
    for (const header of Object.keys(value.headers)) {
      // "Headers added by the function must be lower case" (functions-event-structure).
      if (header !== header.toLowerCase()) {
        throw new CloudFrontFunctionExecutionError(
          `CloudFront Function ${name} returned a header name that is not lower case: ${header}`,
        );
      }
    }
    return { kind: "request", request: value as unknown as CfRequest };
  }
  throw new CloudFrontFunctionExecutionError(
    `CloudFront Function ${name} returned neither a request nor a response`,
  );
}
