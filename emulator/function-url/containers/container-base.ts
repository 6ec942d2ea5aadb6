/**
 * What both container runtimes share: the lifecycle state (container-state.ts) and the pool's
 * bookkeeping, the function's output piped to the log line by line, the invocation in flight and its
 * timeout, and the end of an environment.
 */
import { randomBytes } from "node:crypto";
import { type ContainerState, containerLifecycle } from "./container-state.js";
import {
  type ContainerSpec,
  type ExecutionEnvironment,
  type InvocationObserver,
  MAX_TIMER_MS,
  newLogStreamName,
  timeoutError,
} from "./execution-environment.js";
import type { ErrorInfo, InvokeContextData } from "./platform-types.js";

/** The invocation a container is serving. */
export interface InFlight {
  observer: InvocationObserver;
  timer?: NodeJS.Timeout;
}

/** One invocation as the base hands it to a runtime: numbered, its timeout already armed. */
export interface InvocationStart {
  invokeId: number;
  event: unknown;
  context: InvokeContextData;
  observer: InvocationObserver;
  timer: NodeJS.Timeout;
  /** The function timeout in ms: the time the invocation has left as it starts. */
  timeoutMs: number;
}

export abstract class ContainerBase<C extends InFlight> implements ExecutionEnvironment {
  abstract readonly ready: Promise<number>;
  readonly logStreamName = newLogStreamName(randomBytes(16).toString("hex"));
  /** One state, moved only along container-state.ts's table. */
  private readonly lifecycle;
  served = 0;
  lastUsed = Date.now();
  protected current?: C;
  protected nextInvokeId = 1;

  constructor(
    readonly id: number,
    protected readonly spec: ContainerSpec,
    protected readonly log: (line: string) => void,
    private readonly onDead: (c: ExecutionEnvironment) => void,
  ) {
    this.lifecycle = containerLifecycle(id);
  }

  get state(): ContainerState {
    return this.lifecycle.state;
  }

  isIdle(): boolean {
    return this.state === "Ready";
  }

  isReserved(): boolean {
    return this.state === "Invoking" || this.state === "StartingReserved";
  }

  initDone(): void {
    this.lifecycle.apply("initDone");
  }

  reserve(): void {
    this.lifecycle.apply("reserve");
  }

  release(): void {
    this.lifecycle.apply("release");
  }

  invoke(
    event: unknown,
    context: InvokeContextData,
    observer: InvocationObserver,
    remainingMs?: number,
  ): number {
    const invokeId = this.nextInvokeId++;
    const timeoutMs = remainingMs ?? this.spec.timeoutSeconds * 1000;
    const timer = this.armTimeout(context.awsRequestId, timeoutMs);
    this.begin({ invokeId, event, context, observer, timer, timeoutMs });
    return invokeId;
  }

  /** Makes the invocation the one in flight (`current`) and hands its event to the runtime. */
  protected abstract begin(invocation: InvocationStart): void;
  abstract kill(): void;
  abstract stopped(): Promise<void>;

  /** The function's stdout or stderr, one log line per line it writes. */
  protected pipeOutput(stream: NodeJS.ReadableStream | null): void {
    if (!stream) return;
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (text: string) => {
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) this.functionLine(line);
    });
  }

  /** One line the function wrote: to the log under its container's mark, and by number to `functionOutput`. */
  protected functionLine(line: string): void {
    this.log(`[container #${this.id}] ${line}`);
    this.spec.functionOutput?.(this.id, line);
  }

  /** The invocation in flight is over: its observer learns it once, with the error if it failed. */
  protected finish(error?: ErrorInfo): void {
    const current = this.current;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    this.current = undefined;
    current.observer.done(error);
  }

  /** The environment ended (once: a kill after its exit, or an exit after its kill, changes nothing). */
  protected markDead(): void {
    if (this.state === "Stopped") return;
    this.lifecycle.apply("stop");
    this.onDead(this);
  }

  /**
   * The function timeout of one invocation: Lambda logs it, fails the invocation and does not reuse
   * the environment. Debug mode suspends it (emulator-only deviation, debug-mode.ts): a paused
   * breakpoint must not kill the container.
   */
  protected armTimeout(requestId: string, timeoutMs: number): NodeJS.Timeout {
    return setTimeout(
      () => {
        const error = timeoutError(this.spec.timeoutSeconds);
        this.log(`${requestId} ${error.errorMessage}`);
        this.finish(error);
        this.kill();
      },
      this.spec.suspendTimeout ? MAX_TIMER_MS : timeoutMs,
    );
  }
}
