/** The container pool's shapes: what it starts from, what it hands out, what it reports. */

import type { RicLaunch } from "../runtimes/ric/ric-container.js";
import type { WorkerLaunch } from "../runtimes/worker/worker-container.js";
import type { ExecutionEnvironment } from "./execution-environment.js";

/** What one container starts from; its `runtime` picks the kind of container. */
export type LaunchSpec = WorkerLaunch | RicLaunch;

export interface PoolOptions {
  /** Concurrent invocations, and so containers, allowed: min(maxContainers, reserved concurrency). */
  limit: number;
  /** Cold starts allowed to run at once (the init gate). */
  initConcurrency: number;
  /** Recycle a container idle this long; 0 keeps idle containers forever. */
  idleTimeoutMs: number;
  /** What a new container starts from; awaited per cold start (cached by the caller, redone after reload). */
  launch: () => Promise<LaunchSpec>;
  log: (line: string) => void;
  /** Debug mode: start a container at once, and again after each reload, so a debugger can attach first. */
  keepWarm?: boolean;
  /** Lambda's Init limit (10 s); undefined: none (debug mode, where a breakpoint may pause Init). */
  initTimeoutMs?: number;
  /**
   * Numbers new containers; default 1, 2, ... per pool. A server with several functions shares one
   * counter between their pools, so a container's number (`[container #N]`, the event bus) names one.
   */
  nextId?: () => number;
}

/** A container handed to one invocation; give it back with `release`. */
export interface Lease {
  container: ExecutionEnvironment;
  /** The container's first invocation: the caller awaits `container.ready` and reports Init Duration. */
  cold: boolean;
  /** Time spent waiting in the queue for a container. */
  waitedMs: number;
  /** The container's Init ran past the limit: the invocation retries Init itself (init-phase.ts). */
  initTimedOut?: boolean;
}

export interface Waiter {
  since: number;
  resolve: (lease: Lease | "aborted") => void;
  reject: (error: Error) => void;
  detach: () => void;
}

/** What the pool reports (`ContainerPool.stats()`, `npm run bench`). */
export interface PoolStats {
  coldStarts: number;
  invocations: number;
  liveContainers: number;
  /** Containers running an invocation right now. */
  busy: number;
  /** Requests waiting for a container right now (see the init gate). */
  waiting: number;
  /** Cold starts (Init phases) running right now. */
  initializing: number;
  /** Longest time a request has waited for a container, in ms. */
  maxWaitMs: number;
  /** Containers recycled after sitting idle for the idle timeout. */
  reaped: number;
  /**
   * Containers that ended on their own: a crash, an exit, a failed Init, a function timeout (Lambda
   * does not reuse that environment). Not the ones the pool ended (reload, idle recycling, close).
   */
  died: number;
}
