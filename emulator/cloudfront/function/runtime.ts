import { readFileSync } from "node:fs";
import vm from "node:vm";
import { isRecord } from "../../common/is-record.js";
import {
  CloudFrontConfigError,
  CloudFrontFunctionExecutionError,
  CloudFrontFunctionThrottledError,
  CloudFrontFunctionValidationError,
} from "../errors.js";
import type { CfRequest, CfResponse, ViewerRequestEvent } from "./event.js";
import { createFunctionHost } from "./host.js";
import { checkPublishable, MAX_FUNCTION_CODE_BYTES, validationProblem } from "./restrictions.js";
import { createSandbox } from "./sandbox.js";

export { MAX_FUNCTION_CODE_BYTES };

/**
 * Wall-clock limit after which a run is stopped. CloudFront documents its limit only as "compute
 * utilization" (see `DEFAULT_COMPUTE_BUDGET_MS`); node:vm's timeout is wall-clock time, and on a shared,
 * loaded machine an ordinary invocation (median under 1 ms) was measured taking 30-50 ms, so runaway
 * code is stopped after 1 s and ordinary code never is. Tests pass a smaller value.
 */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 1000;

/**
 * The time that counts as compute utilization 100. Assumption: CloudFront states no figure ("a
 * percentage of the maximum allowed time", edge-functions-restrictions); about 1 ms is widely reported.
 */
const DEFAULT_COMPUTE_BUDGET_MS = 1;

/**
 * `report` (default): a run's compute utilization is measured and logged, and only the timeout stops
 * it. `enforce`: a run over 100 fails as throttled, as at the edge; wall-clock time on a loaded laptop
 * exceeds 1 ms often, so this mode is for checking a function's cost, not for everyday use.
 */
export type ComputeBudgetMode = "report" | "enforce";

export type FunctionResult = (
  | { kind: "request"; request: CfRequest }
  | { kind: "response"; response: CfResponse }
) & {
  /** 0-100: the run's time as a percentage of the compute budget, as CloudFront reports it. */
  computeUtilization: number;
};

export interface ViewerRequestFunction {
  readonly name: string;
  /** Runs the handler once, in a fresh sandbox; throws a `CloudFrontFunctionExecutionError` (or subclass). */
  run(event: ViewerRequestEvent): FunctionResult;
  /** Ends the thread the runs use (it never keeps the process alive on its own). */
  close(): Promise<void>;
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
  computeBudgetMs?: number;
  computeBudget?: ComputeBudgetMode;
  /** Receives the function's `console.log` lines (CloudFront sends them to CloudWatch Logs). */
  log?: (line: string) => void;
}

/**
 * Loads and checks a CloudFront Function once, at start. Code CloudFront would not publish (over 10 KB,
 * a syntax error, no `handler` function, a module the runtime lacks) throws a `CloudFrontConfigError`
 * naming the file and the rule, so it never runs locally.
 *
 * @example
 * const fn = loadViewerRequestFunction({ name: "fwd", file: "terraform/functions/forward-authorization.js" });
 * const result = fn.run(event); // { kind: "request", request, computeUtilization } or a response
 */
export function loadViewerRequestFunction(options: LoadFunctionOptions): ViewerRequestFunction {
  const { name, file } = options;
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch (error) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: cannot read ${file}: ${(error as Error).message}`,
    );
  }
  return compileViewerRequestFunction(code, options);
}

/** Compiles function source given as text (see `loadViewerRequestFunction`). */
export function compileViewerRequestFunction(
  code: string,
  options: LoadFunctionOptions,
): ViewerRequestFunction {
  const { name, file } = options;
  const timeout = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  const budgetMs = options.computeBudgetMs ?? DEFAULT_COMPUTE_BUDGET_MS;
  const enforce = options.computeBudget === "enforce";
  const log = options.log ?? (() => {});
  const fnLog = (line: string) => log(`[${name}] ${line}`);
  checkPublishable(code, `CloudFront Function ${name}: ${file}`);
  const invoked = `${code}\n;${INVOKE_SOURCE}`;
  try {
    // Compiled alone first, so a syntax error names the function's own file and line.
    const alone = new vm.Script(code, { filename: file });
    // A function without a top-level `handler` cannot be associated with a distribution.
    const probe = createSandbox(() => {});
    alone.runInContext(probe, { timeout });
    if (typeof probe.handler !== "function") throw new Error("it defines no function named handler");
    // Then with the invoker appended, as the host's thread runs it (one run per request); the
    // function's line numbers stay the same. Compiled here too, so a problem fails the start.
    new vm.Script(invoked, { filename: file });
  } catch (error) {
    throw new CloudFrontConfigError(
      `CloudFront Function ${name}: ${file} does not compile: ${(error as Error).message}`,
    );
  }

  // A fresh context per invocation (no state survives between requests), on the host's thread.
  const host = createFunctionHost(invoked, file);

  return {
    name,
    run(event) {
      const ran = host.run({ eventJson: JSON.stringify(event), start: Date.now() }, timeout);
      if (ran.kind === "timeout") {
        throw new CloudFrontFunctionThrottledError(
          `CloudFront Function ${name} exceeded its compute budget (stopped after ${timeout} ms)`,
        );
      }
      const { reply } = ran;
      for (const line of reply.logs) fnLog(line);
      if (reply.thrown !== undefined) {
        throw new CloudFrontFunctionExecutionError(`CloudFront Function ${name} threw: ${reply.thrown}`);
      }
      const utilization = Math.round((reply.elapsedMs / budgetMs) * 100);
      if (enforce && utilization > 100) {
        throw new CloudFrontFunctionThrottledError(
          `CloudFront Function ${name} exceeded its compute budget (compute utilization ${utilization})`,
        );
      }
      const out = reply.out;
      if (!out) {
        throw new CloudFrontFunctionExecutionError(
          `CloudFront Function ${name} returned a promise that never settled`,
        );
      }
      if (!out.ok)
        throw new CloudFrontFunctionExecutionError(`CloudFront Function ${name} threw: ${out.message}`);
      const result = interpretResult(name, JSON.parse(out.json ?? "null"));
      if (result.kind === "request") {
        const problem = validationProblem(event.request, result.request);
        if (problem) {
          throw new CloudFrontFunctionValidationError(`CloudFront Function ${name} ${problem}`);
        }
      }
      return { ...result, computeUtilization: Math.min(100, utilization) };
    },
    close: () => host.close(),
  };
}

type Interpreted = { kind: "request"; request: CfRequest } | { kind: "response"; response: CfResponse };

/** A response has `statusCode`; anything else must be a request with `uri` (functions-event-structure). */
function interpretResult(name: string, value: unknown): Interpreted {
  if (isRecord(value) && "statusCode" in value) {
    const status = value.statusCode;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new CloudFrontFunctionValidationError(
        `CloudFront Function ${name} returned an invalid statusCode`,
      );
    }
    return { kind: "response", response: value as unknown as CfResponse };
  }
  if (isRecord(value) && typeof value.uri === "string" && isRecord(value.headers)) {
    for (const header of Object.keys(value.headers)) {
      // "Headers added by the function must be lower case" (functions-event-structure).
      if (header !== header.toLowerCase()) {
        throw new CloudFrontFunctionValidationError(
          `CloudFront Function ${name} returned a header name that is not lower case: ${header}`,
        );
      }
    }
    return { kind: "request", request: value as unknown as CfRequest };
  }
  throw new CloudFrontFunctionValidationError(
    `CloudFront Function ${name} returned neither a request nor a response`,
  );
}
