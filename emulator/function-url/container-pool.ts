/**
 * Lambda execution environments as worker threads: a cold start on the first request, warm reuse
 * afterwards, a fresh container after a crash or a timeout, one container per concurrent request.
 */
import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { ContainerData, ErrorInfo, FromContainer, InvokeContextData } from "./runtime/messages.js";

const ENTRY = new URL("./runtime/worker-entry.mjs", import.meta.url);

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

export class Container {
  readonly worker: Worker;
  readonly ready: Promise<number>;
  readonly logStreamName: string;
  busy = false;
  stale = false;
  dead = false;
  private current?: { invokeId: number; observer: InvocationObserver; timer?: NodeJS.Timeout };
  private nextInvokeId = 1;

  constructor(
    readonly id: number,
    private readonly spec: ContainerSpec,
    private readonly log: (line: string) => void,
    private readonly onDead: (c: Container) => void,
  ) {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
    this.logStreamName = `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
    const data: ContainerData = { modulePath: spec.modulePath, handlerName: spec.handlerName };
    this.worker = new Worker(ENTRY, {
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

  clientGone(invokeId: number): void {
    if (!this.dead) this.worker.postMessage({ type: "client-gone", invokeId });
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
}

/** Hands out containers: an idle warm one when there is one, else a new one while under the limit. */
export class ContainerPool {
  private readonly containers = new Set<Container>();
  private nextId = 1;
  coldStarts = 0;
  invocations = 0;

  constructor(
    private readonly spec: ContainerSpec,
    private readonly limit: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Undefined when every allowed container is busy (the caller throttles). */
  acquire(): { container: Container; cold: boolean } | undefined {
    for (const c of this.containers) {
      if (!c.busy && !c.dead && !c.stale) {
        c.busy = true;
        this.invocations++;
        return { container: c, cold: false };
      }
    }
    if (this.containers.size >= this.limit) return undefined;
    const container = new Container(this.nextId++, this.spec, this.log, (c) => this.containers.delete(c));
    container.busy = true;
    this.containers.add(container);
    this.coldStarts++;
    this.invocations++;
    return { container, cold: true };
  }

  release(container: Container): void {
    container.busy = false;
    if (container.stale && !container.dead) container.kill();
  }

  /** Like a redeploy: idle containers go now, busy ones when their invocation ends. */
  reload(): void {
    for (const c of this.containers) {
      c.stale = true;
      if (!c.busy) c.kill();
    }
  }

  stats(): PoolStats {
    return {
      coldStarts: this.coldStarts,
      invocations: this.invocations,
      liveContainers: this.containers.size,
    };
  }

  async closeAll(): Promise<void> {
    const all = [...this.containers];
    for (const c of all) c.kill();
    await Promise.all(all.map((c) => c.worker.terminate()));
  }
}
