import http from "node:http";
import { functionUrlDomain } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import { headerChanges } from "../inspector/header-changes.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import { scrubLine, signedHeaderNames } from "../inspector/redact.js";
import { isInspectorPath, serveInspector } from "../inspector/routes.js";
import { listenOn } from "../stack/listen.js";
import { validateDistributionConfig } from "./distribution-config.js";
import { type CloudFrontErrorKind, errorPageHtml, errorStatus, errorXCache } from "./error-pages.js";
import {
  CloudFrontFunctionExecutionError,
  CloudFrontFunctionThrottledError,
  CloudFrontFunctionValidationError,
} from "./errors.js";
import {
  buildViewerRequestEvent,
  type CfResponse,
  type CfValueMap,
  requestFromEvent,
} from "./function-event.js";
import {
  type ComputeBudgetMode,
  loadViewerRequestFunction,
  type ViewerRequestFunction,
} from "./function-runtime.js";
import { newCloudFrontRequestId, newEdgeHostId } from "./ids.js";
import { applyOacSigning } from "./oac-signer.js";
import {
  buildOriginRequestHeaders,
  buildViewerResponseHeaders,
  cloudFrontResponseHeaders,
} from "./origin-headers.js";
import { type ProxyOutcome, proxyToOrigin } from "./origin-proxy.js";

export interface CloudFrontServerOptions {
  config: StackConfig;
  /** Where to connect; default `config.functionUrl.host:port`. The Host sent is `functionUrlDomain(config)`. */
  origin?: { host: string; port: number };
  log?: (line: string) => void;
  /** Milliseconds since the epoch; used as the SigV4 signing date. */
  clock?: () => number;
  /** Wall-clock limit of one CloudFront Function run (see `DEFAULT_FUNCTION_TIMEOUT_MS`). */
  functionTimeoutMs?: number;
  /** `report` (default) or `enforce` compute utilization over 100 (see `ComputeBudgetMode`). */
  functionComputeBudget?: ComputeBudgetMode;
  /** `CloudFront-Viewer-Country` for local viewers. Assumption: "US" by default. */
  viewerCountry?: string;
  /** Add the `CloudFront-*` viewer headers to origin requests (default true; see viewer-headers.ts). */
  cloudFrontHeaders?: boolean;
  /** Overrides `config.cloudfront.originReadTimeoutSeconds` with a finer value (tests). */
  originReadTimeoutMs?: number;
  /** `X-Amz-Cf-Pop` value; a local stand-in for an edge location code. */
  pop?: string;
  /** Records each chat's hops (keyed by X-Amz-Cf-Id) and serves `GET /__emulator/requests`; off when absent. */
  inspector?: InspectorRecorder;
}

export interface CloudFrontServer {
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

const HEALTH_PATH = "/__emulator/health";
/** Assumption: real responses a CloudFront Function generates carry this X-Cache value. */
const FUNCTION_RESPONSE_X_CACHE = "FunctionGeneratedResponse from cloudfront";

function viewerIp(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && Number(length) > 0) || req.headers["transfer-encoding"] !== undefined;
}

function lowerCasePairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([(rawHeaders[i] as string).toLowerCase(), rawHeaders[i + 1] as string]);
  }
  return pairs;
}

function valueMapPairs(map: CfValueMap | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, entry] of Object.entries(map ?? {})) {
    const values = entry.multiValue?.length ? entry.multiValue.map((v) => v.value) : [entry.value];
    for (const value of values) pairs.push([name, value]);
  }
  return pairs;
}

/**
 * The emulated CloudFront distribution: one origin (the Function URL), the viewer-request CloudFront
 * Function, OAC signing, CachingDisabled + AllViewerExceptHostHeader, streamed responses.
 * Throws `CloudFrontConfigError` for settings the CloudFront API would refuse.
 *
 * @example
 * const cf = createCloudFrontServer({ config: defaultConfig() });
 * const { url } = await cf.listen(0, "127.0.0.1"); // POST `${url}/chatbot`
 * await cf.close();
 */
export function createCloudFrontServer(options: CloudFrontServerOptions): CloudFrontServer {
  const { config } = options;
  const cf = config.cloudfront;
  validateDistributionConfig(cf);
  const log = options.log ?? (() => {});
  const inspector = options.inspector;
  const clock = options.clock ?? Date.now;
  const origin = options.origin ?? { host: config.functionUrl.host, port: config.functionUrl.port };
  const originHost = functionUrlDomain(config);
  const readTimeoutMs = options.originReadTimeoutMs ?? cf.originReadTimeoutSeconds * 1000;
  const via = `1.1 ${newEdgeHostId()}.cloudfront.net (CloudFront)`;
  const pop = options.pop ?? "LOC50-C1";
  const fn: ViewerRequestFunction | undefined = cf.viewerRequestFunction
    ? loadViewerRequestFunction({
        name: cf.viewerRequestFunction.name,
        file: cf.viewerRequestFunction.file,
        timeoutMs: options.functionTimeoutMs,
        computeBudget: options.functionComputeBudget,
        log,
      })
    : undefined;
  // Idle origin connections are dropped after 4 s, before Node's 5 s server keep-alive timeout on the
  // origin side: a reused connection is then never one the origin is closing (which surfaced as
  // occasional 502s under bursts).
  const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = newCloudFrontRequestId();
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? "" : url.slice(queryAt + 1);
    const context = { via, pop, requestId };
    if (isInspectorPath(path)) return serveInspector(req, res, path, inspector);
    const viewerHop =
      path === HEALTH_PATH
        ? undefined
        : inspector?.hop(requestId, "viewer-request", "cloudfront", {
            method,
            path,
            headerNames: lowerCasePairs(req.rawHeaders).map(([name]) => name),
          });
    // `refusedBy`: CloudFront itself answered with an error (not the origin's status passed on).
    const record = (outcome: ProxyOutcome, note = "", refusedBy?: string) => {
      log(`${method} ${path} -> ${outcome} ${Date.now() - started}ms cf-id=${requestId}${note}`);
      inspector?.finish(viewerHop, {
        outcome: outcome === "cut" ? "failed" : refusedBy ? "refused" : "ok",
        status: typeof outcome === "number" ? outcome : null,
        reason: outcomeReason(outcome) ?? refusedBy ?? null,
      });
    };
    res.socket?.setNoDelay(true);

    const sendError = (kind: CloudFrontErrorKind) => {
      const body = errorPageHtml(kind, requestId);
      res.writeHead(errorStatus(kind), [
        ["Server", "CloudFront"],
        ["Content-Type", "text/html"],
        ["Content-Length", String(Buffer.byteLength(body))],
        ...cloudFrontResponseHeaders({ ...context, xCache: errorXCache(kind) }),
      ]);
      res.end(method === "HEAD" ? undefined : body);
    };
    const refuse = (kind: CloudFrontErrorKind) => {
      req.resume(); // CloudFront never reads the body; drain it so the connection stays usable.
      sendError(kind);
      record(errorStatus(kind), ` (${kind})`, kind);
    };

    if (path === HEALTH_PATH) {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", service: "cloudfront" }));
      return;
    }
    // aws-facts "CloudFront with OAC": a method outside AllowedMethods, or a GET with a body -> 403 page.
    if (!(cf.allowedMethods as string[]).includes(method)) return refuse("method-not-allowed");
    if (method === "GET" && hasBody(req)) return refuse("get-with-body");

    let forwarded = { path, rawQuery, headers: lowerCasePairs(req.rawHeaders) };
    let functionNote = "";
    if (fn) {
      const event = buildViewerRequestEvent(
        { method, path, rawQuery, rawHeaders: req.rawHeaders },
        {
          distributionDomainName: cf.domainName,
          distributionId: cf.distributionId,
          requestId,
          viewerIp: viewerIp(req),
        },
      );
      const fnHop = inspector?.hop(requestId, "cloudfront-function", "cloudfront", { name: fn.name });
      try {
        const result = fn.run(event);
        // CloudFront reports compute utilization per run, 0-100 (edge-functions-restrictions).
        functionNote = ` (function cu=${result.computeUtilization})`;
        if (result.kind === "response") {
          const status = result.response.statusCode;
          inspector?.finish(fnHop, {
            outcome: status >= 400 ? "refused" : "ok",
            status,
            reason: status >= 400 ? `the function returned a ${status} response` : null,
            detail: { result: "response", computeUtilization: result.computeUtilization },
          });
          req.resume();
          sendFunctionResponse(res, method, result.response, context);
          record(
            status,
            `${functionNote} (function response)`,
            status >= 400 ? "cloudfront-function" : undefined,
          );
          return;
        }
        forwarded = requestFromEvent(result.request);
        if (fnHop) {
          const changes = headerChanges(lowerCasePairs(req.rawHeaders), forwarded.headers);
          const pathChanged = forwarded.path !== path || forwarded.rawQuery !== rawQuery;
          inspector?.finish(fnHop, {
            outcome: "ok",
            detail: {
              result: "request",
              computeUtilization: result.computeUtilization,
              ...changes,
              pathChanged,
            },
          });
        }
      } catch (error) {
        inspector?.finish(fnHop, {
          outcome: "failed",
          reason: scrubLine((error as Error).message ?? String(error)),
        });
        if (!(error instanceof CloudFrontFunctionExecutionError)) throw error;
        log(error.message);
        if (error instanceof CloudFrontFunctionValidationError) return refuse("function-invalid");
        if (error instanceof CloudFrontFunctionThrottledError) return refuse("function-throttled");
        return refuse("function-failed");
      }
    }

    const originHeaders = buildOriginRequestHeaders(forwarded.headers, {
      originHost,
      viewerIp: viewerIp(req),
      requestId,
      via,
      viewerHeaders: lowerCasePairs(req.rawHeaders),
      cloudFrontHeaders: options.cloudFrontHeaders,
      viewer: {
        ip: viewerIp(req),
        port: req.socket.remotePort ?? 0,
        protocol: "http",
        httpVersion: req.httpVersion,
        userAgent: req.headers["user-agent"],
        country: options.viewerCountry ?? "US",
      },
    });
    const signing = await applyOacSigning({
      behavior: cf.oac?.signingBehavior,
      credentials: config.credentials.cloudfront,
      region: config.region,
      host: originHost,
      method,
      path: forwarded.path,
      rawQuery: forwarded.rawQuery,
      headers: originHeaders,
      signingDate: new Date(clock()),
    });
    const target = forwarded.rawQuery === "" ? forwarded.path : `${forwarded.path}?${forwarded.rawQuery}`;
    const originHop = inspector?.hop(requestId, "origin-request", "cloudfront", {
      method,
      path: forwarded.path,
      host: originHost,
      signed: signing.signed,
      signedHeaders: signedHeaderNames(
        signing.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1],
      ),
    });
    let originError: CloudFrontErrorKind | undefined;
    proxyToOrigin({
      agent,
      host: origin.host,
      port: origin.port,
      method,
      target,
      headers: signing.headers,
      readTimeoutMs,
      viewerRequest: req,
      viewerResponse: res,
      responseHeaders: (raw) => {
        if (originHop) originHop.detail.firstByteAfterMs = Date.now() - started;
        return buildViewerResponseHeaders(raw, { ...context, xCache: "Miss from cloudfront" });
      },
      sendError: (kind) => {
        originError = kind;
        sendError(kind);
      },
      done: (outcome) => {
        inspector?.finish(originHop, {
          outcome: originError || outcome === "cut" ? "failed" : "ok",
          status: typeof outcome === "number" ? outcome : null,
          reason: originError ?? outcomeReason(outcome),
        });
        record(outcome, `${functionNote}${signing.signed ? " (oac signed)" : ""}`);
      },
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`internal error: ${(error as Error)?.message ?? String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500);
        res.end();
      } else res.destroy();
    });
  });
  // Streaming responses stay open as long as the origin writes; only the read timeout limits them.
  server.requestTimeout = 0;

  return {
    listen(port = cf.port, host = cf.host) {
      return listenOn(server, port, host);
    },
    close() {
      agent.destroy();
      void fn?.close(); // the CloudFront Function's thread (function-host.ts)
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Answers the viewer with a response object a CloudFront Function returned (functions-event-structure). */
function sendFunctionResponse(
  res: http.ServerResponse,
  method: string,
  response: CfResponse,
  context: { via: string; pop: string; requestId: string },
): void {
  const headers: [string, string][] = [["Server", "CloudFront"], ...valueMapPairs(response.headers)];
  for (const [name, cookie] of Object.entries(response.cookies ?? {})) {
    const entries = cookie.multiValue?.length ? cookie.multiValue : [cookie];
    for (const entry of entries) {
      headers.push([
        "Set-Cookie",
        `${name}=${entry.value}${entry.attributes ? `; ${entry.attributes}` : ""}`,
      ]);
    }
  }
  let body: Buffer | undefined;
  if (typeof response.body === "string") body = Buffer.from(response.body);
  else if (response.body) {
    body = Buffer.from(response.body.data ?? "", response.body.encoding === "base64" ? "base64" : "utf8");
  }
  if (body) headers.push(["Content-Length", String(body.length)]);
  headers.push(...cloudFrontResponseHeaders({ ...context, xCache: FUNCTION_RESPONSE_X_CACHE }));
  res.writeHead(response.statusCode, response.statusDescription, headers);
  res.end(method === "HEAD" ? undefined : body);
}

/** What the inspector says of an exchange that did not end with the origin's last byte. */
function outcomeReason(outcome: ProxyOutcome): string | null {
  if (outcome === "cut") return "stream cut";
  // The viewer closed first (e.g. a client that stops reading after `data: [DONE]`): not a failure.
  if (outcome === "viewer-gone") return "viewer left before the end";
  return null;
}
