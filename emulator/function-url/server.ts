/**
 * The emulated Lambda Function URL: virtual host, AWS_IAM (SigV4 + resource policy), CORS, throttling,
 * the payload 2.0 event, and a streaming runtime whose bytes reach the client under a delivery mode
 * (`immediate`, or `lambda`: small writes held; see response-delivery.ts). A client that goes away is
 * never reported to the function (RIC issue #145): it runs on, and its bytes are discarded.
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
import { functionUrlDomain, localFunctionEnvironment } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import type { StackEventEmitter } from "../shared/stack-events.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import { createAdmission } from "./auth/authorize.js";
import { credentialStoreFromConfig } from "./auth/credential-store.js";
import type { PoolStats } from "./containers/container-pool.js";
import { createFunctionContainers } from "./containers/container-setup.js";
import type { DebugOptions } from "./containers/debug-mode.js";
import { createInvoker } from "./invoke.js";
import { emulatorFault, requestListener } from "./request-handler.js";
import { checkDeliveryConfig } from "./response/response-delivery.js";
import { resolveFunctionNode, resolveRuntimeClient } from "./runtimes/ric/function-node.js";
import { SERVICE_NAME, type ServiceContext } from "./service-context.js";

export { SERVICE_NAME };

export interface FunctionUrlServerOptions {
  config: StackConfig;
  /** The function's environment; defaults to `localFunctionEnvironment(config)`. */
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
   * container number (the stack's event bus, emulator/shared/stack-events.ts); nobody when absent.
   */
  events?: StackEventEmitter;
}

export interface FunctionUrlServer extends EmulatedService {
  /** The next request gets a fresh container, like a redeploy; logs it. */
  reload(reason?: string): void;
  stats(): PoolStats;
}

function serviceContext(options: FunctionUrlServerOptions): ServiceContext {
  const { config } = options;
  const fn = config.functionUrl;
  return {
    config,
    fn,
    domain: functionUrlDomain(config),
    functionArn: lambdaFunctionArn(config.region, config.accountId, fn.functionName),
    credentials: credentialStoreFromConfig(config),
    log: options.log ?? ((line: string) => console.log(`[${SERVICE_NAME}] ${line}`)),
    clock: options.clock ?? Date.now,
    logLevel: options.logLevel ?? "info",
    events: options.events,
  };
}

export function createFunctionUrlServer(options: FunctionUrlServerOptions): FunctionUrlServer {
  const { config } = options;
  const fn = config.functionUrl;
  checkDeliveryConfig(fn.delivery);
  // The `ric` runtime runs the function on its runtime's own Node and client line: a missing or
  // mismatched one stops the service now, with the package to install, not at the first request.
  if (fn.containerRuntime === "ric") {
    resolveFunctionNode(fn.runtime);
    resolveRuntimeClient(fn.runtime);
  }
  const ctx = serviceContext(options);
  const { events, log } = ctx;
  const { pool, moduleBuild } = createFunctionContainers(config, {
    environment: options.environment ?? localFunctionEnvironment(config),
    log,
    events,
    debug: options.debug,
  });
  const listener = requestListener(ctx, { admit: createAdmission(ctx), invoke: createInvoker(ctx, pool) });
  const service = httpService(listener, {
    name: SERVICE_NAME,
    internalError: emulatorFault,
    log,
    defaults: { port: fn.port, host: fn.host },
    serverOptions: { noDelay: true },
    onClose: () => pool.closeAll(),
  });
  return {
    listen: service.listen,
    close: service.close,
    reload(reason = "reload requested") {
      moduleBuild?.invalidate();
      pool.reload();
      log(`reload: ${reason}; the next request starts a fresh container`);
    },
    stats: () => pool.stats(),
  };
}
