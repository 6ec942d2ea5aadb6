/**
 * The emulated Lambda Function URL: virtual host, AWS_IAM (SigV4 + resource policy), CORS, throttling,
 * the payload 2.0 event, and a streaming runtime whose bytes reach the client under a delivery mode
 * (`immediate`, or `lambda`: small writes held; see response-delivery.ts). A client that goes away is
 * never reported to the function (RIC issue #145): it runs on, and its bytes are discarded.
 *
 * @example
 * const server = createFunctionUrlServer({ config: defaultConfig() });
 * const { url } = await server.listen(0, "127.0.0.1");
 * // ... signed requests to `url` (Host: <url-id>.lambda-url.us-east-1.on.aws) ...
 * await server.close();
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { functionUrlDomain, localFunctionEnvironment } from "../config/defaults.js";
import type { LocalCredential, StackConfig } from "../config/types.js";
import { awsMessage, chatIdFor, finishInvocation } from "../inspector/function-url-hops.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import { eventSummary } from "../inspector/redact.js";
import { capturing, ResponseCapture } from "../inspector/response-capture.js";
import { listenOn } from "../stack/listen.js";
import {
  type AwsErrorResponse,
  accessDenied,
  MAX_INVOCATION_PAYLOAD_BYTES,
  MAX_REQUEST_BODY_BYTES,
  payloadTooLarge,
  throttled,
  unknownFunctionUrl,
} from "./aws-errors.js";
import {
  ContainerPool,
  type ContainerSpec,
  type InvocationObserver,
  type LaunchSpec,
  type PoolStats,
} from "./container-pool.js";
import { isPreflight, preflightHeaders } from "./cors.js";
import { credentialStoreFromConfig } from "./credential-store.js";
import type { DebugOptions } from "./debug-mode.js";
import { buildFunctionUrlEvent, invocationPayloadBytes, newTraceId } from "./event-builder.js";
import { respondTo, sendFunctionError as sendInvocationError } from "./invocation-response.js";
import { evaluateInvokePermission, type InvokeCaller } from "./invoke-permission.js";
import { containerRuntimeEntry, createModuleBuilder, tsxContainerEntry } from "./module-build.js";
import { platformLogFilter } from "./platform-log-filter.js";
import { checkDeliveryConfig, createResponseDelivery } from "./response-delivery.js";
import { taskRootFor } from "./runtime-api/task-root.js";
import { sigv4RefusalLines } from "./sigv4-log.js";
import { verifySigV4 } from "./sigv4-verify.js";

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
  /** Records the auth decision, event and invocation of each chat (see emulator/inspector); off when absent. */
  inspector?: InspectorRecorder;
}

export interface FunctionUrlServer {
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  /** The next request gets a fresh container, like a redeploy; logs it. */
  reload(reason?: string): void;
  stats(): PoolStats;
}

/** A part of the real service this emulator does not reproduce (never mistaken for AWS behaviour). */
export class FunctionUrlNotEmulatedError extends Error {
  override name = "FunctionUrlNotEmulatedError";
}

export const SERVICE_NAME = "function-url";
const HEALTH_PATH = "/__emulator/health";
/** Assumption: Lambda recycles an idle environment after some minutes (not documented); the emulator's default. */
const DEFAULT_IDLE_TIMEOUT_SECONDS = 300;

/** Reserved variables Lambda defines for every function (Lambda developer guide, configuration-envvars). */
function runtimeEnvironment(config: StackConfig, modulePath: string): Record<string, string> {
  const fn = config.functionUrl;
  return {
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
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

function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "::1" ||
    hostname === "[::1]" ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

function hostnameOf(host: string | undefined): string {
  if (host === undefined) return "";
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0] ?? "";
}

function sendAwsError(
  res: http.ServerResponse,
  error: AwsErrorResponse,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { "content-type": error.contentType, ...extra };
  if (error.errorType) headers["x-amzn-errortype"] = error.errorType;
  res.writeHead(error.status, headers);
  res.end(error.body);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    // Keep draining so the client can read the 413, but stop keeping bytes.
    if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
    else chunks.push(buf);
  }
  return tooLarge ? "too-large" : Buffer.concat(chunks, size);
}

export function createFunctionUrlServer(options: FunctionUrlServerOptions): FunctionUrlServer {
  const { config } = options;
  const fn = config.functionUrl;
  if (fn.invokeMode !== "RESPONSE_STREAM") {
    throw new FunctionUrlNotEmulatedError(
      `InvokeMode ${fn.invokeMode} is not emulated; only RESPONSE_STREAM is (set functionUrl.invokeMode).`,
    );
  }
  checkDeliveryConfig(fn.delivery);
  const log = options.log ?? ((line: string) => console.log(`[function-url] ${line}`));
  const inspector = options.inspector;
  // Container lines also go to the inspector, filed under the invocation the container is running.
  const poolLog = inspector
    ? (line: string) => {
        inspector.invocations.containerLog(line);
        log(line);
      }
    : log;
  const clock = options.clock ?? Date.now;
  const domain = functionUrlDomain(config);
  const store = credentialStoreFromConfig(config);
  const modulePath = fn.useBundle ? fn.bundleEntry : fn.sourceEntry;
  const handlerName = fn.handler.slice(fn.handler.lastIndexOf(".") + 1);
  const spec: ContainerSpec = {
    modulePath,
    handlerName,
    env: {
      ...runtimeEnvironment(config, modulePath),
      ...(options.environment ?? localFunctionEnvironment(config)),
    },
    timeoutSeconds: fn.timeoutSeconds,
    suspendTimeout: options.debug !== undefined,
    // The deployed package's entry file (`index.mjs`) is what `_HANDLER`'s module part must name.
    packageModule: path.basename(fn.bundleEntry).replace(/\.[^.]+$/, ""),
  };
  // Reserved concurrency N caps concurrent invocations at N (aws-facts "Function URL throttling").
  const limit = Math.min(fn.maxContainers, fn.reservedConcurrency ?? Number.POSITIVE_INFINITY);
  // One compile for every container (redone after reload) instead of tsx in each worker.
  const runtime = fn.containerRuntime ?? "worker";
  // RIC loads the handler from a file on disk, so a TypeScript handler is always compiled for it.
  const moduleBuild =
    fn.precompile === false && runtime === "worker"
      ? undefined
      : createModuleBuilder(modulePath, log, { sourcesContent: options.debug !== undefined });
  const launch = async (): Promise<LaunchSpec> => {
    if (runtime === "ric" && moduleBuild) {
      const taskRoot = await taskRootFor(await moduleBuild.get(), fn.bundleEntry);
      return { runtime, taskRoot, inspectPort: options.debug?.inspectPort };
    }
    if (!moduleBuild) return { runtime: "worker", workerEntry: tsxContainerEntry(), modulePath };
    const built = await moduleBuild.get();
    if (!built.plainJs) {
      // Source that does not compile: the same entry RIC gets, which throws the compiler's message as
      // a SyntaxError at import (Runtime.UserCodeSyntaxError), so both runtimes report it alike.
      const root = await taskRootFor(built, fn.bundleEntry);
      const entry = path.join(root, `${spec.packageModule}.mjs`);
      return { runtime: "worker", workerEntry: await containerRuntimeEntry(log), modulePath: entry };
    }
    return { runtime: "worker", workerEntry: await containerRuntimeEntry(log), modulePath: built.path };
  };
  const pool = new ContainerPool(spec, {
    limit,
    // Assumption: (emulator deviation) real Lambda starts environments in parallel on separate hosts; a
    // laptop cannot, so cold starts are queued (see ContainerPool).
    initConcurrency: Math.max(1, fn.initConcurrency ?? availableParallelism()),
    // Debug mode keeps its container: recycling it would drop the attached debugger.
    idleTimeoutMs: options.debug ? 0 : (fn.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
    launch,
    log: platformLogFilter(fn.logging, poolLog),
    keepWarm: options.debug !== undefined,
  });
  const recentStarts: number[] = [];
  const functionArn = `arn:aws:lambda:${config.region}:${config.accountId}:function:${fn.functionName}`;

  /** More than 10 x N requests per second also get 429 (aws-facts "Function URL throttling"). */
  function overRate(now: number): boolean {
    if (fn.reservedConcurrency === undefined) return false;
    while (recentStarts.length > 0 && (recentStarts[0] ?? 0) <= now - 1000) recentStarts.shift();
    if (recentStarts.length >= 10 * fn.reservedConcurrency) return true;
    recentStarts.push(now);
    return false;
  }

  async function authorize(
    req: http.IncomingMessage,
    body: Buffer,
  ): Promise<
    | { ok: true; caller?: { credential: LocalCredential; accessKeyId: string } }
    | { ok: false; error: AwsErrorResponse; why: string }
  > {
    let policyCaller: InvokeCaller = { principal: "*" };
    let caller: { credential: LocalCredential; accessKeyId: string } | undefined;
    if (fn.authType === "AWS_IAM") {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const result = await verifySigV4(
        {
          method: req.method ?? "GET",
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          // Every value of a repeated header, in order: SigV4 joins them with "," (Node's req.headers uses ", ").
          headers: req.headersDistinct,
          body,
        },
        store,
        { region: config.region, service: "lambda", now: clock() },
      );
      if (!result.ok) {
        for (const line of sigv4RefusalLines(result, { debug: options.logLevel === "debug" })) log(line);
        return { ok: false, error: result.error, why: `SigV4 ${result.reason}` };
      }
      caller = { credential: result.credential, accessKeyId: result.accessKeyId };
      policyCaller = {
        principal: result.credential.principal,
        accountId: result.credential.accountId,
        sourceArn: result.credential.sourceArn,
        identityPolicies: result.credential.identityPolicies,
      };
    }
    const decision = evaluateInvokePermission(fn.permissions, policyCaller, {
      functionArn,
      accountId: config.accountId,
      authType: fn.authType,
    });
    if (!decision.allowed) {
      const why = `${decision.explicitDeny ? "explicit Deny; " : ""}missing ${decision.missing.join(", ")}`;
      log(`policy refused ${policyCaller.principal}: ${why}`);
      return { ok: false, error: accessDenied(), why: `resource policy: ${why}` };
    }
    return { ok: true, caller };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    if (method === "GET" && url.split("?")[0] === HEALTH_PATH) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", service: SERVICE_NAME }));
      return;
    }

    const hostname = hostnameOf(req.headers.host);
    // Assumption: a loopback Host maps to the one function, for dev convenience; any other host is
    // answered like an unknown url-id.
    if (hostname !== domain && !isLoopback(hostname)) {
      req.resume();
      sendAwsError(res, unknownFunctionUrl());
      return;
    }

    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    if (isPreflight(fn.cors, method, req.headers) && fn.cors) {
      req.resume();
      const headers = preflightHeaders(fn.cors, origin);
      if (!headers["access-control-allow-origin"]) {
        log(
          `CORS preflight refused: origin ${origin} is not in allowOrigins [${fn.cors.allowOrigins.join(", ")}]`,
        );
      }
      res.writeHead(200, headers);
      res.end();
      return;
    }

    const chatId = inspector ? chatIdFor(inspector, req) : "";
    const authHop = inspector?.hop(chatId, "function-url-auth", "function-url", { authType: fn.authType });
    const refuse = (error: AwsErrorResponse, why: string) => {
      inspector?.finish(authHop, {
        outcome: "refused",
        status: error.status,
        reason: `${awsMessage(error.body)} (${why})`,
      });
      sendAwsError(res, error);
    };
    const body = await readBody(req);
    if (body === "too-large") return refuse(payloadTooLarge(), "request body over the limit");

    const auth = await authorize(req, body);
    if (!auth.ok) return refuse(auth.error, auth.why);

    const now = clock();
    if (fn.reservedConcurrency === 0 || overRate(now)) return refuse(throttled(), "reserved concurrency");
    // The 6 MB limit is measured on the invocation payload, the event JSON (aws-facts "Where the first
    // emulator diverged"); measured before a container is taken, as Lambda refuses without invoking.
    const sized = buildFunctionUrlEvent({
      method,
      url,
      headers: req.headersDistinct as Record<string, string[]>,
      body,
      sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
      requestId: randomUUID(),
      now,
      accountId: config.accountId,
      urlId: fn.urlId,
      domainName: domain,
      caller: auth.caller,
    });
    const payloadBytes = invocationPayloadBytes(sized);
    if (payloadBytes > MAX_INVOCATION_PAYLOAD_BYTES) {
      log(`invocation payload of ${payloadBytes} bytes is over the 6 MB limit`);
      return refuse(payloadTooLarge(), "invocation payload over 6 MB");
    }
    inspector?.finish(authHop, {
      outcome: "ok",
      detail: { caller: auth.caller?.credential.principal ?? null },
    });
    // The event's shape is known now; its requestId is the invocation's, filled in below.
    const eventHop = inspector?.hop(chatId, "lambda-event", "lambda", {
      ...eventSummary(sized),
      payloadBytes,
    });
    inspector?.finish(eventHop, { outcome: "ok" });
    // A client that leaves while queued for a container is dropped before anything is invoked.
    // Assumption: the queue itself is an emulator deviation (see ContainerPool), so is this.
    // Also when it left earlier (e.g. during body read or SigV4 on a busy event loop): in an overloaded
    // burst those requests used to start cold containers for nobody, feeding the overload.
    const left = new AbortController();
    const onClose = () => left.abort();
    res.once("close", onClose);
    if (req.socket.destroyed) left.abort();
    const acquired = await pool.acquire(left.signal);
    res.off("close", onClose);
    if (acquired === "aborted") {
      log("client left while waiting for a container; not invoked");
      return;
    }
    if (acquired === "throttled") {
      log("throttled: every allowed container is busy");
      inspector?.finish(inspector.hop(chatId, "invocation", "lambda"), {
        outcome: "refused",
        status: throttled().status,
        reason: `${awsMessage(throttled().body)} (every allowed container is busy)`,
      });
      sendAwsError(res, throttled());
      return;
    }
    const { container, cold, waitedMs } = acquired;
    if (waitedMs >= 1000) log(`waited ${Math.round(waitedMs)} ms for a container (init gate)`);
    const requestId = randomUUID();
    const invocationHop = inspector?.hop(chatId, "invocation", "lambda", {
      requestId,
      container: container.id,
      cold,
      waitedMs: Math.round(waitedMs),
    });
    let initMs: number | undefined;
    try {
      const ms = await container.ready;
      if (cold) {
        initMs = ms;
        log(`cold start: container #${container.id}, Init Duration: ${ms.toFixed(2)} ms`);
      }
    } catch (err) {
      const info = err as { errorType?: string; errorMessage?: string };
      log(`${requestId} init failed: ${info.errorType ?? "Error"}: ${info.errorMessage ?? String(err)}`);
      inspector?.finish(invocationHop, {
        outcome: "failed",
        status: 502,
        reason: `init failed: ${info.errorType ?? "Error"}`,
      });
      pool.release(container);
      if (!res.headersSent) sendFunctionError(res, origin);
      return;
    }

    const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
    const event = buildFunctionUrlEvent({
      method,
      url,
      headers: req.headersDistinct as Record<string, string[]>,
      body,
      sourceIp,
      requestId,
      now,
      accountId: config.accountId,
      urlId: fn.urlId,
      domainName: domain,
      caller: auth.caller,
    });
    const traceId = event.headers["x-amzn-trace-id"] ?? newTraceId(now);
    const started = performance.now();
    const capture = inspector ? new ResponseCapture() : undefined;
    if (inspector && invocationHop) {
      if (eventHop) eventHop.detail.requestId = requestId;
      if (initMs !== undefined) invocationHop.detail.initDurationMs = Math.round(initMs * 100) / 100;
      inspector.invocations.start(
        container.id,
        chatId,
        invocationHop,
        event.body ?? "",
        event.isBase64Encoded,
      );
    }
    // The one id that ties this invocation to CloudFront's line and the inspector's chat (emulator only:
    // Lambda's own START line stays as Lambda writes it).
    const cfId = event.headers["x-amz-cf-id"];
    if (cfId) log(`${requestId} cf-id=${cfId}`);
    log(`START RequestId: ${requestId} Version: $LATEST`);

    const observer = streamTo(res, {
      origin,
      requestId,
      traceId,
      onDone: (error) => {
        const duration = performance.now() - started;
        if (error) {
          log(
            `${requestId} ERROR Invoke Error ${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage })}`,
          );
        }
        log(`END RequestId: ${requestId}`);
        log(
          `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: ${fn.memoryMb} MB${initMs === undefined ? "" : `\tInit Duration: ${initMs.toFixed(2)} ms`}`,
        );
        if (inspector && capture) {
          inspector.invocations.end(container.id);
          finishInvocation(inspector, invocationHop, { res, capture, error, durationMs: duration, initMs });
        }
        pool.release(container);
      },
    });
    // A client that goes away is not reported to the function: its responseStream emits neither
    // 'close' nor 'error' (RIC issue #145; opennextjs-aws PR #952). It runs until it ends or times out,
    // and what it still writes is discarded (streamTo skips a destroyed response).
    container.invoke(
      event,
      {
        awsRequestId: requestId,
        functionName: fn.functionName,
        functionVersion: "$LATEST",
        memoryLimitInMB: String(fn.memoryMb),
        invokedFunctionArn: functionArn,
        logGroupName: `/aws/lambda/${fn.functionName}`,
        logStreamName: container.logStreamName,
        xRayTraceId: traceId,
      },
      capture ? capturing(observer, capture) : observer,
    );
  }

  function sendFunctionError(res: http.ServerResponse, origin: string | undefined): void {
    sendInvocationError(res, fn.cors, origin);
  }

  function streamTo(
    res: http.ServerResponse,
    ctx: {
      origin: string | undefined;
      requestId: string;
      traceId: string;
      onDone: InvocationObserver["done"];
    },
  ): InvocationObserver {
    const writer = (write: (chunk: Buffer) => void) => createResponseDelivery(fn.delivery, write);
    return respondTo(res, { ...ctx, cors: fn.cors, log, writer });
  }

  const server = http.createServer({ noDelay: true }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`internal emulator error: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("emulator error");
      } else res.destroy();
    });
  });

  return {
    listen(port = fn.port, host = fn.host) {
      return listenOn(server, port, host);
    },
    async close() {
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), pool.closeAll()]);
    },
    reload(reason = "reload requested") {
      moduleBuild?.invalidate();
      pool.reload();
      log(`reload: ${reason}; the next request starts a fresh container`);
    },
    stats: () => pool.stats(),
  };
}
