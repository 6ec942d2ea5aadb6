/**
 * The emulated Lambda Function URL service: every function's URL on one listener, each told apart by
 * its virtual host as AWS tells them apart (`<url-id>.lambda-url.<region>.on.aws`), each with its own
 * containers, environment, limits, permissions and invoke mode; AWS_IAM (SigV4 + resource policy) or
 * NONE, CORS, throttling, the payload 2.0 event, and a runtime whose bytes reach the client streamed
 * (RESPONSE_STREAM, under a delivery mode: response-delivery.ts) or whole (BUFFERED:
 * buffered-response.ts). A client that goes away is never reported to the function (aws/aws-lambda-nodejs-runtime-interface-client#145): it runs on, and its bytes are
 * discarded.
 *
 * A request goes request-handler.ts (host, preflight) -> authorize.ts (SigV4, policy, limits)
 * -> invoke.ts (container, Init, platform log lines) -> stream-response.ts (what the client is sent).
 *
 * @example
 * const server = createFunctionUrlServer({ config: defaultConfig() });
 * const { url } = await server.listen(0, "127.0.0.1");
 * // ... signed requests to `url` (Host: <url-id>.lambda-url.us-east-1.on.aws) ...
 * await server.close();
 */
import { lambdaFunctionArn } from "../aws/arns.js";
import type { StackEventEmitter } from "../common/stack-events.js";
import { functionUrlDomain, localFunctionEnvironment } from "../config/defaults.js";
import { stackFunctions } from "../config/functions.js";
import type { FunctionConfig, StackConfig } from "../config/types.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import { checkArtifact } from "./artifact.js";
import { createAdmission } from "./auth/authorize.js";
import { credentialStoreFromConfig } from "./auth/credential-store.js";
import { FunctionUrlConfigError } from "./config-error.js";
import type { ContainerPool, PoolStats } from "./containers/container-pool.js";
import { createFunctionContainers } from "./containers/container-setup.js";
import type { DebugOptions } from "./containers/debug-mode.js";
import { createInvoker } from "./invoke.js";
import type { ModuleBuilder } from "./module-build.js";
import { emulatorFault, type HostedFunction, requestListener } from "./request-handler.js";
import { checkDeliveryConfig } from "./response/response-delivery.js";
import { resolveFunctionNode, resolveRuntimeClient } from "./runtimes/ric/function-node.js";
import { SERVICE_NAME, type ServiceContext } from "./service-context.js";

export { SERVICE_NAME };

export interface FunctionUrlServerOptions {
  config: StackConfig;
  /** The first function's environment; defaults to `localFunctionEnvironment(config)` (the others': theirs). */
  environment?: Record<string, string>;
  log?: (line: string) => void;
  /** Milliseconds since the epoch; used for SigV4 skew, event times and throttling windows. */
  clock?: () => number;
  /** `debug` also logs the canonical request and string-to-sign of a SigV4 refusal (sigv4-log.ts). */
  logLevel?: "info" | "debug";
  /** Debug mode: inspector ports, the function timeout suspended, one warm container (debug-mode.ts). */
  debug?: DebugOptions;
  /**
   * Told each request's steps (auth decision, event, invocation) and the function's own lines by
   * container number (the stack's event bus, emulator/common/stack-events.ts); nobody when absent.
   */
  events?: StackEventEmitter;
}

export interface FunctionUrlServer extends EmulatedService {
  /** The next request gets a fresh container, like a redeploy: of `functionName`, or of every function. */
  reload(reason?: string, functionName?: string): void;
  /** The containers of `functionName` (default: the first function). */
  stats(functionName?: string): PoolStats;
}

interface Hosted extends HostedFunction {
  pool: ContainerPool;
  moduleBuild?: Pick<ModuleBuilder, "invalidate">;
}

function serviceContext(options: FunctionUrlServerOptions, fn: FunctionConfig, log: ServiceContext["log"]) {
  const { config } = options;
  return {
    config,
    fn,
    domain: functionUrlDomain(config, fn),
    functionArn: lambdaFunctionArn(config.region, config.accountId, fn.functionName),
    credentials: credentialStoreFromConfig(config),
    log,
    clock: options.clock ?? Date.now,
    logLevel: options.logLevel ?? "info",
    events: options.events,
  } satisfies ServiceContext;
}

/** One function behind its URL: its checks, its context, its containers. */
function hostFunction(
  options: FunctionUrlServerOptions,
  fn: FunctionConfig,
  shared: { log: (line: string) => void; nextId: () => number; first: boolean },
): Hosted {
  const { config } = options;
  checkDeliveryConfig(fn.delivery);
  checkArtifact(fn);
  // The `ric` runtime runs the function on its runtime's own Node and client line: a missing or
  // mismatched one stops the service now, with the package to install, not at the first request.
  if (fn.containerRuntime === "ric") {
    resolveFunctionNode(fn.runtime);
    resolveRuntimeClient(fn.runtime);
  }
  const ctx = serviceContext(options, fn, shared.log);
  const { pool, moduleBuild } = createFunctionContainers(config, {
    fn,
    nextId: shared.nextId,
    environment: (shared.first ? options.environment : undefined) ?? localFunctionEnvironment(config, fn),
    log: ctx.log,
    events: ctx.events,
    // Debug mode attaches to one function: the first.
    debug: shared.first ? options.debug : undefined,
  });
  const steps = { admit: createAdmission(ctx), invoke: createInvoker(ctx, pool) };
  return { ctx, steps, pool, moduleBuild };
}

/** Each function's log; with several functions, each line says whose it is (as its log group would). */
function functionLog(base: (line: string) => void, fn: FunctionConfig, several: boolean) {
  return several ? (line: string) => base(`${fn.functionName}: ${line}`) : base;
}

export function createFunctionUrlServer(options: FunctionUrlServerOptions): FunctionUrlServer {
  const { config } = options;
  const base = options.log ?? ((line: string) => console.log(`[${SERVICE_NAME}] ${line}`));
  const functions = stackFunctions(config);
  const urlIds = new Set(functions.map((fn) => fn.urlId));
  if (urlIds.size !== functions.length) {
    throw new FunctionUrlConfigError("two functions share a url-id: each URL needs its own virtual host");
  }
  let containers = 0;
  const nextId = () => ++containers;
  const hosted = functions.map((fn, i) =>
    hostFunction(options, fn, { log: functionLog(base, fn, functions.length > 1), nextId, first: i === 0 }),
  );
  const named = (name?: string) =>
    name === undefined ? hosted : hosted.filter((h) => h.ctx.fn.functionName === name);
  const listener = config.functionUrl;
  const service = httpService(requestListener(hosted), {
    name: SERVICE_NAME,
    internalError: emulatorFault,
    log: base,
    defaults: { port: listener.port, host: listener.host },
    serverOptions: { noDelay: true },
    onClose: async () => {
      await Promise.all(hosted.map((h) => h.pool.closeAll()));
    },
  });
  return {
    listen: service.listen,
    close: service.close,
    reload(reason = "reload requested", functionName) {
      for (const h of named(functionName)) {
        h.moduleBuild?.invalidate();
        h.pool.reload();
        h.ctx.log(`reload: ${reason}; the next request starts a fresh container`);
      }
    },
    stats: (functionName) => {
      const [first] = named(functionName ?? config.functionUrl.functionName);
      if (!first) throw new FunctionUrlConfigError(`no function named ${functionName}`);
      return first.pool.stats();
    },
  };
}
