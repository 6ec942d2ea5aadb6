/**
 * The Init phase as the invocation that waits for a container sees it. Lambda limits Init, and past the
 * limit retries it in the first invocation under the function timeout (Lambda developer guide,
 * lambda-runtime-environment, read 2026-12-07: "The Init phase is limited to 10 seconds. If all three
 * tasks do not complete within 10 seconds, Lambda retries the Init phase at the time of the first
 * function invocation with the configured function timeout."). The limit is `initTimeoutSeconds`; the
 * retried Init runs in a fresh environment, and what it takes comes out of the invocation's time.
 * The pool watches the first limit (container-pool.ts); debug mode (a paused breakpoint) has none.
 */
import { performance } from "node:perf_hooks";
import type { ContainerPool, Lease } from "./containers/container-pool.js";
import { timeoutError } from "./containers/execution-environment.js";
import type { ServiceContext } from "./service-context.js";

export interface InitDone {
  lease: Lease;
  /** The Init Duration of this invocation's cold start; undefined on a warm container. */
  initMs?: number;
  /** The time the invocation has left, when a retried Init used some of its function timeout. */
  remainingMs?: number;
}

/** The container could not be made ready: the caller releases `lease` and answers 502. */
export interface InitFailed {
  lease: Lease;
  failed: true;
}

const LATE = Symbol("late");

/** `promise`'s value, or LATE when `ms` pass first (a later rejection stays handled). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, ms));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function failed(ctx: ServiceContext, lease: Lease, requestId: string, err: unknown): InitFailed {
  const info = err as { errorType?: string; errorMessage?: string };
  ctx.log(`${requestId} init failed: ${info.errorType ?? "Error"}: ${info.errorMessage ?? String(err)}`);
  ctx.events?.emit("hop:ended", {
    requestId,
    hop: "invocation",
    outcome: "failed",
    status: 502,
    reason: `init failed: ${info.errorType ?? "Error"}`,
  });
  return { lease, failed: true };
}

/** Init retried inside the invocation, under the function timeout, in a fresh environment. */
async function retryInit(
  ctx: ServiceContext,
  pool: ContainerPool,
  lease: Lease,
  args: { requestId: string },
): Promise<InitDone | InitFailed> {
  const { requestId } = args;
  ctx.log(
    `${requestId} Init of container #${lease.container.id} ran past ${ctx.fn.initTimeoutSeconds} s: ` +
      "Lambda retries it in this invocation, under the function timeout",
  );
  const started = performance.now();
  const retried = await pool.retryInit(lease);
  if (!retried) return { lease, failed: true };
  const budgetMs = ctx.fn.timeoutSeconds * 1000;
  try {
    const ms = await within(retried.container.ready, budgetMs);
    if (ms === LATE) {
      retried.container.kill();
      return failed(ctx, retried, requestId, timeoutError(ctx.fn.timeoutSeconds));
    }
    ctx.log(`cold start: container #${retried.container.id}, Init Duration: ${ms.toFixed(2)} ms (retried)`);
    return { lease: retried, initMs: ms, remainingMs: Math.max(1, budgetMs - (performance.now() - started)) };
  } catch (err) {
    return failed(ctx, retried, requestId, err);
  }
}

/**
 * The leased container's Init: done (its duration on a cold start), failed, or past the limit (the
 * pool's `initTimeoutMs`), when it is retried in this invocation.
 */
export async function awaitInit(
  ctx: ServiceContext,
  pool: ContainerPool,
  lease: Lease,
  args: { requestId: string },
): Promise<InitDone | InitFailed> {
  if (lease.initTimedOut) return retryInit(ctx, pool, lease, args);
  const { container, cold } = lease;
  try {
    const ms = await container.ready;
    if (!cold) return { lease };
    ctx.log(`cold start: container #${container.id}, Init Duration: ${ms.toFixed(2)} ms`);
    return { lease, initMs: ms };
  } catch (err) {
    return failed(ctx, lease, args.requestId, err);
  }
}
