/**
 * One invocation of an admitted request: a container from the pool (a client that left while queued is
 * dropped, a full pool is throttled), its Init phase, the platform's log lines (START, END, REPORT), and the
 * event handed to the container with an observer that streams the answer (stream-response.ts). A client that
 * goes away is never reported to the function (aws/aws-lambda-nodejs-runtime-interface-client#145).
 */
import type http from "node:http";
import { performance } from "node:perf_hooks";
import { lambdaLogGroupName } from "../aws/lambda-environment.js";
import { awsMessage, throttled } from "./aws-errors.js";
import type { ContainerPool, Lease } from "./containers/container-pool.js";
import type { ErrorInfo } from "./containers/platform-types.js";
import { newTraceId } from "./event-builder.js";
import { awaitInit } from "./init-phase.js";
import { sendFunctionError } from "./invocation-response.js";
import { ResponseCapture } from "./response/response-capture.js";
import type { Admitted, RequestScope, RequestSteps, ServiceContext } from "./service-context.js";
import { sendAwsError, streamInvocation } from "./stream-response.js";

/** Invokes the function for admitted requests, on containers from `pool`. */
export function createInvoker(ctx: ServiceContext, pool: ContainerPool): RequestSteps["invoke"] {
  return async (req, res, scope, admitted) => {
    const lease = await acquire(ctx, pool, req, res, scope);
    if (!lease) return;
    const { container, cold, waitedMs } = lease;
    const { requestId } = admitted;
    ctx.events?.emit("hop:started", {
      requestId,
      hop: "invocation",
      container: { id: container.id, cold, waitedMs },
    });
    const init = await awaitInit(ctx, pool, lease, { requestId });
    // A retried Init runs in a fresh container: the invocation goes on there.
    const ready = init.lease.container;
    if ("failed" in init) {
      pool.release(ready);
      if (!res.headersSent) sendFunctionError(res, ctx.fn.cors, scope.origin);
      return;
    }
    const { initMs, remainingMs } = init;
    run(ctx, res, scope, admitted, {
      lease: init.lease,
      initMs,
      remainingMs,
      onOver: () => pool.release(ready),
    });
  };
}

/**
 * A container for the request, or undefined when it was answered (throttled) or its client left.
 * A client that leaves while queued for a container is dropped before anything is invoked.
 * Assumption: the queue itself is an emulator deviation (see ContainerPool), so is this. Also when it
 * left earlier (e.g. during body read or SigV4 on a busy event loop): in an overloaded burst those
 * requests used to start cold containers for nobody, feeding the overload.
 */
async function acquire(
  ctx: ServiceContext,
  pool: ContainerPool,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  scope: RequestScope,
): Promise<Lease | undefined> {
  const left = new AbortController();
  const onClose = () => left.abort();
  res.once("close", onClose);
  if (req.socket.destroyed) left.abort();
  const acquired = await pool.acquire(left.signal);
  res.off("close", onClose);
  if (acquired === "aborted") {
    ctx.log("client left while waiting for a container; not invoked");
    return undefined;
  }
  if (acquired === "throttled") {
    ctx.log("throttled: every allowed container is busy");
    ctx.events?.emit("hop:started", { requestId: scope.requestId, hop: "invocation" });
    ctx.events?.emit("hop:ended", {
      requestId: scope.requestId,
      hop: "invocation",
      outcome: "refused",
      status: throttled().status,
      reason: `${awsMessage(throttled())} (every allowed container is busy)`,
    });
    sendAwsError(res, throttled());
    return undefined;
  }
  if (acquired.waitedMs >= 1000)
    ctx.log(`waited ${Math.round(acquired.waitedMs)} ms for a container (init gate)`);
  return acquired;
}

/** Lambda's END and REPORT lines (and the runtime's error line first, when the invocation failed). */
function endLines(
  requestId: string,
  args: { durationMs: number; memoryMb: number; initMs: number | undefined; error?: ErrorInfo },
): string[] {
  const { durationMs, memoryMb, initMs, error } = args;
  const lines: string[] = [];
  if (error) {
    const info = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage });
    lines.push(`${requestId} ERROR Invoke Error ${info}`);
  }
  const init = initMs === undefined ? "" : `\tInit Duration: ${initMs.toFixed(2)} ms`;
  lines.push(
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${memoryMb} MB${init}`,
  );
  return lines;
}

/** Hands the event to the leased container; `onOver` runs once the invocation is over, whatever the client did. */
function run(
  ctx: ServiceContext,
  res: http.ServerResponse,
  scope: RequestScope,
  { event, requestId, now }: Admitted,
  args: {
    lease: Lease;
    initMs: number | undefined;
    /** Less than the function timeout when a retried Init used some of it. */
    remainingMs?: number;
    onOver: () => void;
  },
): void {
  const { fn, events, log } = ctx;
  const { lease, initMs } = args;
  const { container } = lease;
  const traceId = event.headers["x-amzn-trace-id"] ?? newTraceId(now);
  const started = performance.now();
  // The response's first bytes are kept only for someone who listens to the invocation's end.
  const capture = events?.listens("invocation:ended") ? new ResponseCapture() : undefined;
  events?.emit("invocation:bound", {
    requestId,
    containerId: container.id,
    initMs,
    body: event.body ?? "",
    isBase64Encoded: event.isBase64Encoded,
  });
  // The one id that ties this invocation to CloudFront's line and the inspector's chat (emulator only:
  // Lambda's own START line stays as Lambda writes it).
  const cfId = event.headers["x-amz-cf-id"];
  if (cfId) log(`${requestId} cf-id=${cfId}`);
  log(`START RequestId: ${requestId} Version: $LATEST`);

  const observer = streamInvocation(ctx, res, {
    origin: scope.origin,
    requestId,
    traceId,
    capture,
    onDone: (error) => {
      const durationMs = performance.now() - started;
      for (const line of endLines(requestId, { durationMs, memoryMb: fn.memoryMb, initMs, error })) log(line);
      events?.emit("invocation:ended", {
        requestId,
        containerId: container.id,
        status: res.headersSent ? res.statusCode : null,
        error,
        bodyHead: capture?.bodyHead(),
        durationMs,
        initMs,
      });
      args.onOver();
    },
  });
  // A client that goes away is not reported to the function: its responseStream emits neither 'close' nor
  // 'error' (aws/aws-lambda-nodejs-runtime-interface-client#145, opennextjs/opennextjs-aws#952). It runs
  // until it ends or times out, and what it still writes is discarded (respondTo skips a destroyed response).
  container.invoke(
    event,
    {
      awsRequestId: requestId,
      functionName: fn.functionName,
      functionVersion: "$LATEST",
      memoryLimitInMB: String(fn.memoryMb),
      invokedFunctionArn: ctx.functionArn,
      logGroupName: lambdaLogGroupName(fn.functionName),
      logStreamName: container.logStreamName,
      xRayTraceId: traceId,
    },
    observer,
    args.remainingMs,
  );
}
