/**
 * Lambda execution environments: a cold start on the first request, warm reuse afterwards, a fresh
 * container after a crash or a timeout, one container per concurrent invocation, and a gate on how
 * many cold starts run at once (see ContainerPool). A container is a worker thread (`worker`
 * runtime) or a child process running AWS's runtime client (`ric` runtime).
 */

import { RicContainer } from "../runtimes/ric/ric-container.js";
import { WorkerContainer } from "../runtimes/worker/worker-container.js";
import type { ContainerSpec, ExecutionEnvironment } from "./execution-environment.js";
import type { LaunchSpec, Lease, PoolOptions, PoolStats, Waiter } from "./pool-types.js";

export type { ContainerSpec, InvocationObserver } from "./execution-environment.js";
export type { LaunchSpec, Lease, PoolOptions, PoolStats } from "./pool-types.js";

type Container = ExecutionEnvironment;

/**
 * Hands out containers: an idle warm one when there is one; otherwise the request waits until a warm
 * container frees up or a new one finishes its Init phase, whichever comes first.
 *
 * Assumption/emulator deviation: real Lambda starts environments in parallel on separate hosts; a
 * laptop cannot, so cold starts are queued. At most `initConcurrency` Init phases run at once (default
 * os.availableParallelism()). Without the gate, a burst of N cold requests started N worker threads
 * that all loaded and compiled the handler together, starving the CPU until the handler's own JWKS
 * fetch and CloudFront's origin timeout failed (measured: 50 concurrent -> 0 successes).
 *
 * Throttling is unchanged, as reserved concurrency does (docs/platform-facts.md#function-url-throttling):
 * past `limit` concurrent invocations (busy containers plus waiting requests) one is refused at once (429).
 */
export class ContainerPool {
  private readonly containers = new Set<Container>();
  private readonly waiters: Waiter[] = [];
  private nextId = 1;
  /** Cold starts in progress: launch spec being resolved, or worker started and not yet ready. */
  private inits = 0;
  private starting = 0;
  /** Bumped by reload(): a launch resolved before it must not be used. */
  private generation = 0;
  /** The generation each container was started for: an older one runs code a reload replaced. */
  private readonly generationOf = new WeakMap<Container, number>();
  private closed = false;
  /** The generation a warm container was last started for (keepWarm): once per deploy, never in a loop. */
  private warmedGeneration = -1;
  private readonly reaper?: NodeJS.Timeout;
  coldStarts = 0;
  invocations = 0;
  maxWaitMs = 0;
  reaped = 0;
  died = 0;
  /** Containers the pool itself is ending (idle recycling): their end is not a death. */
  private readonly retired = new Set<Container>();

  constructor(
    private readonly spec: ContainerSpec,
    private readonly options: PoolOptions,
  ) {
    if (options.idleTimeoutMs > 0) {
      const every = Math.min(30_000, Math.max(50, options.idleTimeoutMs / 2));
      this.reaper = setInterval(() => this.reapIdle(), every);
      this.reaper.unref();
    }
    this.pump();
  }

  /**
   * Resolves with a container, "throttled" when `limit` invocations are already running or waiting,
   * or "aborted" when `signal` fires first (the client left while queued: nothing was invoked).
   */
  acquire(signal?: AbortSignal): Promise<Lease | "throttled" | "aborted"> {
    if (signal?.aborted || this.closed) return Promise.resolve("aborted");
    if (this.busyCount() + this.waiters.length >= this.options.limit) return Promise.resolve("throttled");
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at < 0) return;
        this.waiters.splice(at, 1);
        resolve("aborted");
      };
      const waiter: Waiter = {
        since: performance.now(),
        resolve,
        reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  release(container: Container): void {
    container.release();
    container.lastUsed = Date.now();
    if (container.isIdle() && this.isOutdated(container)) container.kill();
    this.pump();
  }

  /** Like a redeploy: idle and starting containers go now, reserved ones when their invocation ends. */
  reload(): void {
    this.generation++;
    for (const c of this.containers) if (!c.isReserved()) c.kill();
    this.pump();
  }

  stats(): PoolStats {
    return {
      coldStarts: this.coldStarts,
      invocations: this.invocations,
      liveContainers: this.containers.size,
      busy: this.busyCount(),
      waiting: this.waiters.length,
      initializing: this.inits,
      maxWaitMs: Math.round(this.maxWaitMs),
      reaped: this.reaped,
      died: this.died,
    };
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearInterval(this.reaper);
    for (const w of this.waiters.splice(0)) {
      w.detach();
      w.resolve("aborted");
    }
    const all = [...this.containers];
    for (const c of all) c.kill();
    await Promise.all(all.map((c) => c.stopped()));
  }

  private busyCount(): number {
    let n = 0;
    for (const c of this.containers) if (c.isReserved()) n++;
    return n;
  }

  /** An idle container (reload ends every idle one at once, so an idle one runs the current code). */
  private findIdle(): Container | undefined {
    for (const c of this.containers) if (c.isIdle()) return c;
    return undefined;
  }

  private isOutdated(container: Container): boolean {
    return this.generationOf.get(container) !== this.generation;
  }

  private lease(waiter: Waiter, container: Container, initTimedOut = false): void {
    waiter.detach();
    // A failed Init's container is handed over Stopped: the request gets the failure from `ready`.
    if (container.state !== "Stopped") container.reserve();
    container.served++;
    this.invocations++;
    const waitedMs = performance.now() - waiter.since;
    if (waitedMs > this.maxWaitMs) this.maxWaitMs = waitedMs;
    waiter.resolve({
      container,
      cold: container.served === 1,
      waitedMs,
      ...(initTimedOut ? { initTimedOut } : {}),
    });
  }

  /** Serves waiters from idle containers, then starts as many cold starts as the gate and limit allow. */
  private pump(): void {
    if (this.closed) return;
    while (this.waiters.length > 0) {
      const idle = this.findIdle();
      if (!idle) break;
      this.lease(this.waiters.shift() as Waiter, idle);
    }
    // Only as many new containers as there are waiters not already covered by an Init in progress.
    while (
      this.waiters.length > this.inits &&
      this.inits < this.options.initConcurrency &&
      this.containers.size + this.starting < this.options.limit
    ) {
      void this.spawn();
    }
    if (this.options.keepWarm && this.warmedGeneration !== this.generation && this.inits === 0) {
      this.warmedGeneration = this.generation;
      // Those in `containers` are alive (a container leaves it as it stops).
      if ([...this.containers].every((c) => this.isOutdated(c))) void this.spawn();
    }
  }

  /**
   * Lambda's Init phase is limited; past the limit, Lambda retries Init in the first invocation under
   * the function timeout (Lambda guide, lambda-runtime-environment). The lease's container is ended and
   * a fresh one starts reserved for that invocation (`StartingReserved`): it is never handed to another
   * request. Undefined when the pool is closing.
   */
  async retryInit(lease: Lease): Promise<Lease | undefined> {
    lease.container.kill();
    const container = await this.spawn(true);
    if (!container) return undefined;
    container.served = 1;
    this.invocations++;
    return { container, cold: true, waitedMs: lease.waitedMs };
  }

  /** A new container; `reserved` ones belong to the caller and never serve the queue. */
  private async spawn(reserved = false): Promise<Container | undefined> {
    this.inits++;
    this.starting++;
    let launch: LaunchSpec;
    try {
      let generation: number;
      do {
        generation = this.generation;
        launch = await this.options.launch();
      } while (generation !== this.generation);
    } catch (err) {
      this.inits--;
      this.starting--;
      if (reserved) throw err;
      // Not expected (the launcher falls back instead of failing); fail the waiters rather than spin.
      for (const w of this.waiters.splice(0)) {
        w.detach();
        w.reject(err as Error);
      }
      return undefined;
    }
    this.starting--;
    if (this.closed) {
      this.inits--;
      return undefined;
    }
    const onDead = (c: Container) => {
      if (!this.closed && !this.isOutdated(c) && !this.retired.has(c)) this.died++;
      this.retired.delete(c);
      this.containers.delete(c);
      this.pump();
    };
    const id = this.options.nextId?.() ?? this.nextId++;
    const container: Container =
      launch.runtime === "ric"
        ? new RicContainer(id, this.spec, launch, this.options.log, onDead)
        : new WorkerContainer(id, this.spec, launch, this.options.log, onDead);
    this.generationOf.set(container, this.generation);
    this.containers.add(container);
    if (reserved) container.reserve();
    this.coldStarts++;
    this.watchInit(container, reserved);
    return container;
  }

  /**
   * Settles a new container's Init, freeing its slot in the gate: ready; failed (one waiting request
   * gets the 502, like the request that caused that cold start would; a container killed by reload
   * fails nobody, a reserved one belongs to its caller); or past the Init limit, when one waiting
   * request gets it and retries Init in its own invocation (init-phase.ts).
   */
  private watchInit(container: Container, reserved: boolean): void {
    const limitMs = reserved ? undefined : this.options.initTimeoutMs;
    let timedOut = false;
    const handOver = (initTimedOut: boolean) => {
      this.inits--;
      const waiter = this.isOutdated(container) || reserved ? undefined : this.waiters.shift();
      if (waiter) this.lease(waiter, container, initTimedOut);
      else if (initTimedOut) container.kill();
      this.pump();
    };
    const timer =
      limitMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            handOver(true);
          }, limitMs);
    container.ready.then(
      () => {
        clearTimeout(timer);
        if (timedOut) return;
        this.inits--;
        container.initDone();
        container.lastUsed = Date.now();
        this.pump();
      },
      () => {
        clearTimeout(timer);
        if (timedOut) return;
        handOver(false);
      },
    );
  }

  /** Assumption: Lambda recycles environments that stay idle (freeze, then shutdown); this bounds memory. */
  private reapIdle(): void {
    const now = Date.now();
    for (const c of this.containers) {
      if (c.isIdle() && now - c.lastUsed >= this.options.idleTimeoutMs) {
        this.options.log(`container #${c.id} recycled after ${Math.round((now - c.lastUsed) / 1000)} s idle`);
        this.reaped++;
        this.retired.add(c);
        c.kill();
      }
    }
  }
}
