import http from "node:http";
import type { StackEventEmitter } from "../common/stack-events.js";
import { functionUrlDomain } from "../config/defaults.js";
import { stackFunctions } from "../config/functions.js";
import type {
  CloudFrontConfig,
  CloudFrontFunctionSource,
  DistributionConfig,
  LocalCredential,
  StackConfig,
} from "../config/types.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import { openBehaviors } from "./behaviors.js";
import { behaviorFor, type Distribution, type LocalRoutes } from "./distribution.js";
import { validateDistributionConfig } from "./distribution-config.js";
import { openExchange } from "./exchange.js";
import { forwardToOrigin } from "./forward-to-origin.js";
import {
  type ComputeBudgetMode,
  loadViewerRequestFunction,
  type ViewerRequestFunction,
} from "./function/runtime.js";
import { newEdgeHostId } from "./ids.js";
import { runViewerFunction } from "./viewer-function.js";
import { hasBody, lowerCasePairs, splitTarget } from "./viewer-request.js";

export interface CloudFrontServerOptions {
  /** The first (or only) distribution, and where the service listens. */
  config: CloudFrontConfig;
  /** The module's other distributions: each answers to `Host: <its domainName>` on the same listener. */
  distributions?: DistributionConfig[];
  /** Where the origins listen: every function's URL is on the Function URL listener. */
  origin: { host: string; port: number };
  /** The first function's URL domain, `<url-id>.lambda-url.<region>.on.aws`: a behaviour's origin by default. */
  originDomain: string;
  /** Every function's URL domain by function name, for behaviours whose origin is another function's URL. */
  originDomains?: Record<string, string>;
  /** The region OAC signs for (the function's). */
  region: string;
  /** The keys OAC signs with: the CloudFront service principal's. */
  credentials: LocalCredential;
  /** The stack adds the time and the service name (stack/logger.ts). */
  log?: ServiceLog;
  /** Milliseconds since the epoch; used as the SigV4 signing date. */
  clock?: () => number;
  /** Wall-clock limit of one CloudFront Function run (see `DEFAULT_FUNCTION_TIMEOUT_MS`). */
  functionTimeoutMs?: number;
  /** `report` (default) or `enforce` compute utilization over 100 (see `ComputeBudgetMode`). */
  functionComputeBudget?: ComputeBudgetMode;
  /** `CloudFront-Viewer-Country` for local viewers, when the policy asks for it (default: viewer-headers.ts). */
  viewerCountry?: string;
  /** Overrides every behaviour's origin read timeout with a finer value (tests). */
  originReadTimeoutMs?: number;
  /** `X-Amz-Cf-Pop` value; a local stand-in for an edge location code. */
  pop?: string;
  /** Told each request's steps, keyed by its X-Amz-Cf-Id (the stack's event bus); nobody is told when absent. */
  events?: StackEventEmitter;
  /** Emulator-only paths answered first (the stack mounts the request inspector's, `/__emulator/requests`). */
  localRoutes?: LocalRoutes;
}

import type { ServiceLog } from "../stack/logger.js";

export type CloudFrontServer = EmulatedService;

/** What the stack's configuration gives CloudFront: its distributions, every function's URL as an origin, OAC's region and keys. */
export function cloudFrontOptionsFrom(
  stack: StackConfig,
): Pick<
  CloudFrontServerOptions,
  "config" | "distributions" | "origin" | "originDomain" | "originDomains" | "region" | "credentials"
> {
  return {
    config: stack.cloudfront,
    distributions: Object.values(stack.distributions ?? {}),
    origin: { host: stack.functionUrl.host, port: stack.functionUrl.port },
    originDomain: functionUrlDomain(stack),
    originDomains: Object.fromEntries(
      stackFunctions(stack).map((fn) => [fn.functionName, functionUrlDomain(stack, fn)]),
    ),
    region: stack.region,
    credentials: stack.credentials.cloudfront,
  };
}

/**
 * The emulated CloudFront: each distribution with its cache behaviours (path patterns in order, then
 * `Default (*)`), each behaviour with its viewer-request CloudFront Function, OAC signing, CachingDisabled
 * and its origin request policy, to its origin (a function's URL); streamed responses. Throws
 * `CloudFrontConfigError` for settings the CloudFront API would refuse.
 *
 * @example
 * const cf = createCloudFrontServer(cloudFrontOptionsFrom(defaultConfig()));
 * const { url } = await cf.listen(0, "127.0.0.1"); // POST `${url}/<path>`
 * await cf.close();
 */
export function createCloudFrontServer(options: CloudFrontServerOptions): CloudFrontServer {
  const configs = [options.config, ...(options.distributions ?? [])];
  // Every distribution is checked before any CloudFront Function's thread starts.
  for (const cf of configs) validateDistributionConfig(cf);
  const log = options.log ?? (() => {});
  const functions = new Map<string, ViewerRequestFunction>();
  const closeFunctions = () => {
    for (const fn of functions.values()) void fn.close(); // the functions' threads (function-host.ts)
  };
  const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });
  let distributions: Distribution[];
  try {
    distributions = configs.map((cf) => openDistribution(options, cf, { log, agent, functions }));
  } catch (error) {
    closeFunctions();
    agent.destroy();
    throw error;
  }
  const service = httpService((req, res) => handle(distributions, req, res), {
    name: "cloudfront",
    // A fault of the emulator itself, not an answer of CloudFront's: a bare 500 without a page (no recorded
    // CloudFront answer covers a fault of the edge itself).
    internalError: () => ({ status: 500 }),
    log,
    defaults: { port: options.config.port, host: options.config.host },
    onClose: () => {
      agent.destroy();
      closeFunctions();
    },
  });
  // Streaming responses stay open as long as the origin writes; only the read timeout limits them.
  service.server.requestTimeout = 0;
  return { listen: service.listen, close: service.close };
}

function openDistribution(
  options: CloudFrontServerOptions,
  cf: DistributionConfig,
  shared: { log: ServiceLog; agent: http.Agent; functions: Map<string, ViewerRequestFunction> },
): Distribution {
  const { log, functions } = shared;
  const loadFunction = (source: CloudFrontFunctionSource) => {
    const key = `${source.name}\0${source.file}`;
    let fn = functions.get(key);
    if (!fn) {
      fn = loadViewerRequestFunction({
        name: source.name,
        file: source.file,
        timeoutMs: options.functionTimeoutMs,
        computeBudget: options.functionComputeBudget,
        log,
      });
      functions.set(key, fn);
    }
    return fn;
  };
  const behaviors = openBehaviors(cf, {
    originDomains: { first: options.originDomain, byFunction: options.originDomains ?? {} },
    loadFunction,
    readTimeoutMs: options.originReadTimeoutMs,
  });
  return {
    config: cf,
    behaviors,
    origin: options.origin,
    region: options.region,
    credentials: options.credentials,
    via: `1.1 ${newEdgeHostId()}.cloudfront.net (CloudFront)`,
    pop: options.pop ?? "LOC50-C1",
    // Idle origin connections are dropped after 4 s, before Node's 5 s server keep-alive timeout on the
    // origin side: a reused connection is then never one the origin is closing (which surfaced as
    // occasional 502s under bursts).
    agent: shared.agent,
    log,
    events: options.events,
    localRoutes: options.localRoutes,
    clock: options.clock ?? Date.now,
    viewerCountry: options.viewerCountry ?? "US",
  };
}

/**
 * The distribution a viewer's Host names (its `<id>.cloudfront.net` stand-in). Assumption: any other Host
 * (`127.0.0.1:8080`) reaches the first distribution, for dev convenience; CloudFront itself refuses a Host
 * it does not serve.
 */
function distributionFor(distributions: readonly Distribution[], host: string | undefined): Distribution {
  const hostname = (host ?? "").split(":")[0]?.toLowerCase();
  const named = distributions.find((d) => d.config.domainName.toLowerCase() === hostname);
  return named ?? (distributions[0] as Distribution);
}

/**
 * One viewer request (health is answered before it): the inspector, the distribution and its behaviour
 * for the path, the behaviour's checks and function, its origin.
 */
async function handle(
  distributions: readonly Distribution[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const target = splitTarget(req.url ?? "/");
  const dist = distributionFor(distributions, req.headers.host);
  if (dist.localRoutes?.handles(target.path)) return dist.localRoutes.serve(req, res, target.path);
  res.socket?.setNoDelay(true);
  const behavior = behaviorFor(dist, target.path);
  const ex = openExchange(dist, req, res, target, behavior.pathPattern);
  // A method outside the behaviour's AllowedMethods, or a GET with a body -> CloudFront's 403 page
  // (docs/platform-facts.md#allowed-methods).
  if (!(behavior.allowedMethods as string[]).includes(ex.method)) return ex.refuse("method-not-allowed");
  if (ex.method === "GET" && hasBody(req)) return ex.refuse("get-with-body");

  const step = behavior.fn
    ? runViewerFunction(dist, behavior.fn, ex)
    : { forwarded: { ...target, headers: lowerCasePairs(req.rawHeaders) }, note: "" };
  if (step) await forwardToOrigin(dist, behavior, ex, step.forwarded, step.note);
}
