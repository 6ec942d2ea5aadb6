import http from "node:http";
import { functionUrlDomain } from "../config/defaults.js";
import type { CloudFrontConfig, LocalCredential, StackConfig } from "../config/types.js";
import type { StackEventEmitter } from "../shared/stack-events.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import type { ServiceLog } from "../stack/logger.js";
import type { Distribution, LocalRoutes } from "./distribution.js";
import { validateDistributionConfig } from "./distribution-config.js";
import { openExchange } from "./exchange.js";
import { forwardToOrigin } from "./forward-to-origin.js";
import { type ComputeBudgetMode, loadViewerRequestFunction } from "./function/runtime.js";
import { newEdgeHostId } from "./ids.js";
import { originHeaderPolicy } from "./origin-request-policy.js";
import { runViewerFunction } from "./viewer-function.js";
import { hasBody, lowerCasePairs, splitTarget } from "./viewer-request.js";

export interface CloudFrontServerOptions {
  config: CloudFrontConfig;
  /** Where the one origin, the Function URL, listens. */
  origin: { host: string; port: number };
  /** The origin's domain, `<url-id>.lambda-url.<region>.on.aws`: the Host CloudFront sends and OAC signs. */
  originDomain: string;
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
  /** Overrides `config.originReadTimeoutSeconds` with a finer value (tests). */
  originReadTimeoutMs?: number;
  /** `X-Amz-Cf-Pop` value; a local stand-in for an edge location code. */
  pop?: string;
  /** Told each request's steps, keyed by its X-Amz-Cf-Id (the stack's event bus); nobody is told when absent. */
  events?: StackEventEmitter;
  /** Emulator-only paths answered first (the stack mounts the request inspector's, `/__emulator/requests`). */
  localRoutes?: LocalRoutes;
}

export type CloudFrontServer = EmulatedService;

/** What the stack's configuration gives CloudFront: its slice, the Function URL as origin, OAC's region and keys. */
export function cloudFrontOptionsFrom(
  stack: StackConfig,
): Pick<CloudFrontServerOptions, "config" | "origin" | "originDomain" | "region" | "credentials"> {
  return {
    config: stack.cloudfront,
    origin: { host: stack.functionUrl.host, port: stack.functionUrl.port },
    originDomain: functionUrlDomain(stack),
    region: stack.region,
    credentials: stack.credentials.cloudfront,
  };
}

/**
 * The emulated CloudFront distribution: one origin (the Function URL), the viewer-request CloudFront
 * Function, OAC signing, CachingDisabled and the module's origin request policy, streamed responses.
 * Throws `CloudFrontConfigError` for settings the CloudFront API would refuse.
 *
 * @example
 * const cf = createCloudFrontServer(cloudFrontOptionsFrom(defaultConfig()));
 * const { url } = await cf.listen(0, "127.0.0.1"); // POST `${url}/chatbot`
 * await cf.close();
 */
export function createCloudFrontServer(options: CloudFrontServerOptions): CloudFrontServer {
  const dist = openDistribution(options);
  const service = httpService((req, res) => handle(dist, req, res), {
    name: "cloudfront",
    // A fault of the emulator itself, not an answer of CloudFront's: a bare 500 without a page (no recorded
    // CloudFront answer covers a fault of the edge itself).
    internalError: () => ({ status: 500 }),
    log: dist.log,
    defaults: { port: options.config.port, host: options.config.host },
    onClose: () => {
      dist.agent.destroy();
      void dist.fn?.close(); // the CloudFront Function's thread (function-host.ts)
    },
  });
  // Streaming responses stay open as long as the origin writes; only the read timeout limits them.
  service.server.requestTimeout = 0;
  return { listen: service.listen, close: service.close };
}

function openDistribution(options: CloudFrontServerOptions): Distribution {
  const cf = options.config;
  validateDistributionConfig(cf);
  const log = options.log ?? (() => {});
  return {
    config: cf,
    origin: options.origin,
    originDomain: options.originDomain,
    region: options.region,
    credentials: options.credentials,
    readTimeoutMs: options.originReadTimeoutMs ?? cf.originReadTimeoutSeconds * 1000,
    via: `1.1 ${newEdgeHostId()}.cloudfront.net (CloudFront)`,
    pop: options.pop ?? "LOC50-C1",
    fn: cf.viewerRequestFunction
      ? loadViewerRequestFunction({
          name: cf.viewerRequestFunction.name,
          file: cf.viewerRequestFunction.file,
          timeoutMs: options.functionTimeoutMs,
          computeBudget: options.functionComputeBudget,
          log,
        })
      : undefined,
    // Idle origin connections are dropped after 4 s, before Node's 5 s server keep-alive timeout on the
    // origin side: a reused connection is then never one the origin is closing (which surfaced as
    // occasional 502s under bursts).
    agent: new http.Agent({ keepAlive: true, timeout: 4_000 }),
    log,
    events: options.events,
    localRoutes: options.localRoutes,
    clock: options.clock ?? Date.now,
    originHeaders: originHeaderPolicy(cf),
    viewerCountry: options.viewerCountry ?? "US",
  };
}

/** One viewer request (health is answered before it): the inspector, the behaviour's checks, the function, the origin. */
async function handle(
  dist: Distribution,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const target = splitTarget(req.url ?? "/");
  if (dist.localRoutes?.handles(target.path)) return dist.localRoutes.serve(req, res, target.path);
  res.socket?.setNoDelay(true);
  const ex = openExchange(dist, req, res, target);
  // A method outside AllowedMethods, or a GET with a body -> 403 page
  // (docs/platform-facts.md#allowed-methods).
  if (!(dist.config.allowedMethods as string[]).includes(ex.method)) return ex.refuse("method-not-allowed");
  if (ex.method === "GET" && hasBody(req)) return ex.refuse("get-with-body");

  const step = dist.fn
    ? runViewerFunction(dist, dist.fn, ex)
    : { forwarded: { ...target, headers: lowerCasePairs(req.rawHeaders) }, note: "" };
  if (step) await forwardToOrigin(dist, ex, step.forwarded, step.note);
}
