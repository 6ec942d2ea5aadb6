/**
 * Lambda execution environments as worker threads: a cold start on the first request, warm reuse
 * afterwards, a fresh container after a crash or a timeout, one container per concurrent invocation,
 * and a gate on how many cold starts run at once (see ContainerPool).
 */
import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { ContainerData, ErrorInfo, FromContainer, InvokeContextData } from "./runtime/messages.js";

export interface ContainerSpec extends ContainerData {
  /** The function's own environment: the worker sees only this, never the emulator's process.env. */
  env: Record<string, string>;
  timeoutSeconds: number;
}

/** What the server does with one invocation's output. */
export interface InvocationObserver {
  head(contentType: string): void;
  chunk(data: Buffer): void;
  end(): void;
  /** Always called exactly once per invocation. */
  done(error?: ErrorInfo): void;
}

/** What one container starts from: the worker's entry file and the handler module it imports. */
export interface LaunchSpec {
  workerEntry: URL | string;
  modulePath: string;
}

export class Container {
  readonly worker: Worker;
  readonly ready: Promise<number>;
  readonly logStreamName: string;
  busy = false;
  stale = false;
  dead = false;
  /** Init finished (successfully or not); until then the container holds an init slot. */
  settled = false;
  /** Invocations served; the first one on a container is the cold one. */
  served = 0;
  lastUsed = Date.now();
  private current?: { invokeId: number; observer: InvocationObserver; timer?: NodeJS.Timeout };
  private nextInvokeId = 1;

  constructor(
    readonly id: number,
    private readonly spec: ContainerSpec,
    launch: LaunchSpec,
    private readonly log: (line: string) => void,
    private readonly onDead: (c: Container) => void,
  ) {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
    this.logStreamName = `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
    const data: ContainerData = { modulePath: launch.modulePath, handlerName: spec.handlerName };
    this.worker = new Worker(launch.workerEntry, {
      workerData: data,
      env: { ...spec.env, AWS_LAMBDA_LOG_STREAM_NAME: this.logStreamName },
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    this.pipeOutput(this.worker.stdout);
    this.pipeOutput(this.worker.stderr);

    let resolveReady: (ms: number) => void = () => {};
    let rejectReady: (e: ErrorInfo) => void = () => {};
    this.ready = new Promise<number>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // Nobody may await `ready` (e.g. a container killed by reload); never leave a rejection unhandled.
    this.ready.catch(() => {});

    this.worker.on("message", (message: FromContainer) => {
      switch (message.type) {
        case "ready":
          resolveReady(message.initMs);
          return;
        case "init-error":
          this.log(
            `container #${this.id} init failed: ${message.error.errorType}: ${message.error.errorMessage}`,
          );
          rejectReady(message.error);
          this.kill();
          return;
        default:
          this.route(message);
      }
    });
    // A process-level throw in the function (uncaught exception, unhandled rejection) ends the container.
    this.worker.on("error", (err) => {
      this.log(`container #${this.id} crashed: ${err.name}: ${err.message}`);
      const info = {
        errorType: "Runtime.ExitError",
        errorMessage: `Runtime exited with error: ${err.message}`,
      };
      rejectReady(info);
      this.fail(info);
      this.markDead();
    });
    this.worker.on("exit", (code) => {
      const info = {
        errorType: "Runtime.ExitError",
        errorMessage: `Runtime exited with error: exit status ${code}`,
      };
      rejectReady(info);
      this.fail(info);
      this.markDead();
    });
  }

  private pipeOutput(stream: NodeJS.ReadableStream | null): void {
    if (!stream) return;
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (text: string) => {
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) this.log(`[container #${this.id}] ${line}`);
    });
  }

  private route(message: Exclude<FromContainer, { type: "ready" | "init-error" }>): void {
    const current = this.current;
    if (!current || current.invokeId !== message.invokeId) return;
    switch (message.type) {
      case "head":
        current.observer.head(message.contentType);
        return;
      case "chunk":
        current.observer.chunk(Buffer.from(message.data));
        return;
      case "end":
        current.observer.end();
        return;
      case "done":
        this.finish(message.error);
        return;
    }
  }

  private finish(error?: ErrorInfo): void {
    const current = this.current;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    this.current = undefined;
    current.observer.done(error);
  }

  private fail(error: ErrorInfo): void {
    this.finish(error);
  }

  private markDead(): void {
    if (this.dead) return;
    this.dead = true;
    this.busy = false;
    this.onDead(this);
  }

  invoke(
    event: unknown,
    context: Omit<InvokeContextData, "remainingMs">,
    observer: InvocationObserver,
  ): number {
    const invokeId = this.nextInvokeId++;
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    const timer = setTimeout(() => {
      // Like Lambda's log line; the environment is not reused after a timeout.
      const message = `Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`;
      this.log(`${context.awsRequestId} ${message}`);
      this.finish({ errorType: "Sandbox.Timedout", errorMessage: message });
      this.kill();
    }, timeoutMs);
    this.current = { invokeId, observer, timer };
    this.worker.postMessage({
      type: "invoke",
      invokeId,
      event,
      context: { ...context, remainingMs: timeoutMs },
    });
    return invokeId;
  }

  kill(): void {
    this.markDead();
    void this.worker.terminate();
  }
}

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
}

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
}

/** A container handed to one invocation; give it back with `release`. */
export interface Lease {
  container: Container;
  /** The container's first invocation: the caller awaits `container.ready` and reports Init Duration. */
  cold: boolean;
  /** Time spent waiting in the queue for a container. */
  waitedMs: number;
}

interface Waiter {
  since: number;
  resolve: (lease: Lease | "aborted") => void;
  reject: (error: Error) => void;
  detach: () => void;
}

/**
 * Hands out containers: an idle warm one when there is one; otherwise the request waits until a warm
 * container frees up or a new one finishes its Init phase, whichever comes first.
 *
 * Assumption: (emulator deviation) real Lambda starts environments in parallel on separate hosts; a
 * laptop cannot, so cold starts are queued. At most `initConcurrency` Init phases run at once (default
 * os.availableParallelism()). Without the gate, a burst of N cold requests started N worker threads
 * that all loaded and compiled the handler together, starving the CPU until the handler's own JWKS
 * fetch and CloudFront's origin timeout failed (measured: 50 concurrent -> 0 successes).
 *
 * Throttling is unchanged: an invocation beyond `limit` concurrent ones (busy containers plus waiting
 * requests) is refused at once (429), as reserved concurrency does (aws-facts "Function URL throttling").
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
  private closed = false;
  private readonly reaper?: NodeJS.Timeout;
  coldStarts = 0;
  invocations = 0;
  maxWaitMs = 0;
  reaped = 0;

  constructor(
    private readonly spec: ContainerSpec,
    private readonly options: PoolOptions,
  ) {
    if (options.idleTimeoutMs > 0) {
      const every = Math.min(30_000, Math.max(50, options.idleTimeoutMs / 2));
      this.reaper = setInterval(() => this.reapIdle(), every);
      this.reaper.unref();
    }
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
    container.busy = false;
    container.lastUsed = Date.now();
    if (container.stale && !container.dead) container.kill();
    this.pump();
  }

  /** Like a redeploy: idle containers go now, busy ones when their invocation ends. */
  reload(): void {
    this.generation++;
    for (const c of this.containers) {
      c.stale = true;
      if (!c.busy) c.kill();
    }
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
    await Promise.all(all.map((c) => c.worker.terminate()));
  }

  private busyCount(): number {
    let n = 0;
    for (const c of this.containers) if (c.busy) n++;
    return n;
  }

  private findIdle(): Container | undefined {
    for (const c of this.containers) {
      if (c.settled && !c.busy && !c.dead && !c.stale) return c;
    }
    return undefined;
  }

  private lease(waiter: Waiter, container: Container): void {
    waiter.detach();
    container.busy = true;
    container.served++;
    this.invocations++;
    const waitedMs = performance.now() - waiter.since;
    if (waitedMs > this.maxWaitMs) this.maxWaitMs = waitedMs;
    waiter.resolve({ container, cold: container.served === 1, waitedMs });
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
  }

  private async spawn(): Promise<void> {
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
      // Not expected (the launcher falls back instead of failing); fail the waiters rather than spin.
      for (const w of this.waiters.splice(0)) {
        w.detach();
        w.reject(err as Error);
      }
      return;
    }
    this.starting--;
    if (this.closed) {
      this.inits--;
      return;
    }
    const container = new Container(this.nextId++, this.spec, launch, this.options.log, (c) => {
      this.containers.delete(c);
      this.pump();
    });
    this.containers.add(container);
    this.coldStarts++;
    container.ready.then(
      () => {
        container.settled = true;
        container.lastUsed = Date.now();
        this.inits--;
        this.pump();
      },
      () => {
        container.settled = true;
        this.inits--;
        // A failed Init answers one waiting request (it awaits `ready` and gets the 502), like the
        // request that caused that cold start would. A container killed by reload fails nobody.
        const waiter = container.stale ? undefined : this.waiters.shift();
        if (waiter) this.lease(waiter, container);
        this.pump();
      },
    );
  }

  /** Assumption: Lambda recycles environments that stay idle (freeze, then shutdown); this bounds memory. */
  private reapIdle(): void {
    const now = Date.now();
    for (const c of this.containers) {
      if (c.settled && !c.busy && !c.dead && now - c.lastUsed >= this.options.idleTimeoutMs) {
        this.options.log(`container #${c.id} recycled after ${Math.round((now - c.lastUsed) / 1000)} s idle`);
        this.reaped++;
        c.kill();
      }
    }
  }
}
