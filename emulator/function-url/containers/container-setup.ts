/**
 * The function's containers as the server runs them: the environment Lambda gives every function,
 * what each container starts from (`worker` or `ric` runtime, the handler compiled once per deploy),
 * and the pool that hands them out under the function's concurrency.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { lambdaReservedEnvironment } from "../../aws/lambda-environment.js";
import { MAX_BUFFERED_RESPONSE_BYTES } from "../../aws/lambda-limits.js";
import type { StackEventEmitter } from "../../common/stack-events.js";
import { functionRoleKeys } from "../../config/functions.js";
import type { FunctionConfig, LambdaLogging, StackConfig } from "../../config/types.js";
import { artifactLauncher, createArtifactBuilder, handlerModule } from "../artifact.js";
import {
  containerRuntimeEntry,
  createModuleBuilder,
  type ModuleBuilder,
  tsxContainerEntry,
} from "../module-build.js";
import { esbuildTarget } from "../runtimes/ric/function-node.js";
import { scopesSourceMaps, taskRootFor } from "../runtimes/ric/task-root.js";
import { ContainerPool, type ContainerSpec, type LaunchSpec } from "./container-pool.js";
import type { DebugOptions } from "./debug-mode.js";
import { functionLineKept, platformLogFilter } from "./platform-log-filter.js";

/** Assumption: Lambda recycles an idle environment after some minutes (not documented); the emulator's default. */
const DEFAULT_IDLE_TIMEOUT_SECONDS = 300;

export interface ContainerSetupOptions {
  /** The function whose containers these are; default the first (`config.functionUrl`). */
  fn?: FunctionConfig;
  /** Numbers the containers (shared by the pools of one server: pool-types.ts). */
  nextId?: () => number;
  /** The function's own environment (variables it was deployed with). */
  environment: Record<string, string>;
  /** The service's log; the function's own lines reach it as `[container #N] line`. */
  log: (line: string) => void;
  /** The stack's event bus: the function's lines are also told on it (`function:log`), by container number. */
  events?: StackEventEmitter;
  debug?: DebugOptions;
}

export interface FunctionContainers {
  pool: ContainerPool;
  /**
   * The compiled handler or the unpacked zip, redone after a reload; undefined when containers load the
   * source with tsx.
   */
  moduleBuild?: Pick<ModuleBuilder, "invalidate">;
}

/** Reserved variables Lambda defines for every function (Lambda developer guide, configuration-envvars). */
function runtimeEnvironment(
  config: StackConfig,
  modulePath: string,
  fn: FunctionConfig = config.functionUrl,
): Record<string, string> {
  return {
    ...lambdaReservedEnvironment({
      ...fn,
      region: config.region,
      credentials: functionRoleKeys(config, fn),
    }),
    // Lambda's own value; the `ric` runtime replaces it with its local Runtime API's address.
    AWS_LAMBDA_RUNTIME_API: "127.0.0.1:9001",
    LAMBDA_TASK_ROOT: path.dirname(modulePath),
    LAMBDA_RUNTIME_DIR: "/var/runtime",
    LANG: "en_US.UTF-8",
    // Assumption/local: the host's PATH (Lambda's points at /var/lang/bin and friends).
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    TZ: ":UTC",
    _HANDLER: fn.handler,
  };
}

/**
 * The file a function run from source stands in for in its deployed package: its built bundle
 * (`dist/handler/index.mjs`), or, for another module's function told to run from source (its
 * `bundleEntry` is the zip), the file its `_HANDLER` names (`index.handler` -> `index.mjs`).
 */
function packageEntry(fn: FunctionConfig): string {
  return /\.[cm]?js$/.test(fn.bundleEntry) ? fn.bundleEntry : `${handlerModule(fn.handler)}.mjs`;
}

/** What every container of the function is: its handler, environment and timeout. */
function containerSpec(
  config: StackConfig,
  fn: FunctionConfig,
  options: ContainerSetupOptions,
): ContainerSpec {
  const fromArtifact = fn.codeFrom === "artifact";
  const modulePath = fromArtifact ? (fn.artifact ?? "") : fn.useBundle ? fn.bundleEntry : fn.sourceEntry;
  return {
    modulePath,
    handlerName: fn.handler.slice(fn.handler.lastIndexOf(".") + 1),
    env: { ...runtimeEnvironment(config, modulePath, fn), ...options.environment },
    timeoutSeconds: fn.timeoutSeconds,
    suspendTimeout: options.debug !== undefined,
    // The deployed package's entry file (`index.mjs`) is what `_HANDLER`'s module part must name; in a
    // zip as deployed, whatever file `_HANDLER` names.
    packageModule: fromArtifact
      ? handlerModule(fn.handler)
      : path.basename(packageEntry(fn)).replace(/\.[^.]+$/, ""),
    // A buffered invocation's payload limit, else the streamed one (RIE `sendPayloadLimitedResponse`).
    maxResponseBytes: fn.invokeMode === "BUFFERED" ? MAX_BUFFERED_RESPONSE_BYTES : fn.responseLimits.maxBytes,
    functionOutput: options.events && functionLogTeller(fn.logging, options.events),
  };
}

/**
 * Tells the function's lines on the bus as they reach the log: past Lambda's log-level filter, and
 * only while someone listens (nothing is parsed for nobody).
 */
function functionLogTeller(
  logging: LambdaLogging | undefined,
  events: StackEventEmitter,
): (containerId: number, line: string) => void {
  const kept = functionLineKept(logging);
  return (containerId, line) => {
    if (events.listens("function:log") && kept(line)) events.emit("function:log", { containerId, line });
  };
}

/** Resolves what the next container starts from, from the current build of the handler. */
function launcher(
  fn: FunctionConfig,
  spec: ContainerSpec,
  moduleBuild: ModuleBuilder | undefined,
  options: ContainerSetupOptions,
): () => Promise<LaunchSpec> {
  const runtime = fn.containerRuntime ?? "worker";
  const { log } = options;
  return async () => {
    if (runtime === "ric" && moduleBuild) {
      const built = await moduleBuild.get();
      const taskRoot = await taskRootFor(built, packageEntry(fn), fn.handler);
      return {
        runtime,
        taskRoot,
        lambdaRuntime: fn.runtime,
        entryEnablesSourceMaps: scopesSourceMaps(built),
        inspectPort: options.debug?.inspectPort,
      };
    }
    if (!moduleBuild)
      return { runtime: "worker", workerEntry: tsxContainerEntry(), modulePath: spec.modulePath };
    const built = await moduleBuild.get();
    if (!built.plainJs) {
      // Source that does not compile: the same entry RIC gets, which throws the compiler's message as
      // a SyntaxError at import (Runtime.UserCodeSyntaxError), so both runtimes report it alike.
      const root = await taskRootFor(built, packageEntry(fn), fn.handler);
      const entry = path.join(root, `${spec.packageModule}.mjs`);
      return { runtime: "worker", workerEntry: await containerRuntimeEntry(log), modulePath: entry };
    }
    return { runtime: "worker", workerEntry: await containerRuntimeEntry(log), modulePath: built.path };
  };
}

export function createFunctionContainers(
  config: StackConfig,
  options: ContainerSetupOptions,
): FunctionContainers {
  const fn = options.fn ?? config.functionUrl;
  const spec = containerSpec(config, fn, options);
  // The zip Terraform deploys, unpacked: nothing to compile (artifact.ts).
  const artifact =
    fn.codeFrom === "artifact" ? createArtifactBuilder(spec.modulePath, options.log) : undefined;
  // One compile for every container (redone after reload) instead of tsx in each worker.
  // RIC loads the handler from a file on disk, so a TypeScript handler is always compiled for it.
  const moduleBuild =
    artifact || (fn.precompile === false && (fn.containerRuntime ?? "worker") === "worker")
      ? undefined
      : createModuleBuilder(spec.modulePath, options.log, {
          sourcesContent: options.debug !== undefined,
          // The handler's Node is its runtime's (the `worker` runtime runs it on the emulator's own Node:
          // a labelled difference, function-url/README.md).
          target: esbuildTarget(fn.runtime),
        });
  const pool = new ContainerPool(spec, {
    // Reserved concurrency N caps concurrent invocations at N
    // (docs/platform-facts.md#function-url-throttling).
    limit: Math.min(fn.maxContainers, fn.reservedConcurrency ?? Number.POSITIVE_INFINITY),
    // Assumption: (emulator deviation) real Lambda starts environments in parallel on separate hosts; a
    // laptop cannot, so cold starts are queued (see ContainerPool).
    initConcurrency: Math.max(1, fn.initConcurrency ?? availableParallelism()),
    // Debug mode keeps its container: recycling it would drop the attached debugger.
    idleTimeoutMs: options.debug ? 0 : (fn.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
    launch: artifact
      ? artifactLauncher(fn, artifact, { inspectPort: options.debug?.inspectPort, log: options.log })
      : launcher(fn, spec, moduleBuild, options),
    log: platformLogFilter(fn.logging, options.log),
    keepWarm: options.debug !== undefined,
    initTimeoutMs: options.debug ? undefined : fn.initTimeoutSeconds * 1000,
    nextId: options.nextId,
  });
  return { pool, moduleBuild: artifact ?? moduleBuild };
}
