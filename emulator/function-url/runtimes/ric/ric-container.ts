/**
 * The `ric` runtime's execution environment: a child process running AWS's own runtime interface
 * client, `aws-lambda-ric` of the function's runtime line, on that runtime's own Node (the platform
 * package `function-node.ts` resolves, never the emulator's Node), against this environment's local
 * Runtime API. The handler is a file on disk in a task root (`LAMBDA_TASK_ROOT`), loaded by RIC
 * exactly as in Lambda.
 *
 * Lifecycle as in Lambda: the Init phase ends at the runtime's first `GET /next`; an invocation ends
 * when the runtime asks for the next one (or posts an error); a timeout or a dead process ends the
 * environment, and the pool starts a fresh one.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { ContainerBase, type InFlight, type InvocationStart } from "../../containers/container-base.js";
import { claimInspectPort, inspectFlag, releaseInspectPort } from "../../containers/debug-mode.js";
import {
  type ContainerSpec,
  type ExecutionEnvironment,
  exitError,
} from "../../containers/execution-environment.js";
import type { ErrorInfo } from "../../containers/platform-types.js";
import { resolveFunctionNode, resolveRuntimeClient } from "./function-node.js";
import { type RuntimeApi, type RuntimeEvent, startRuntimeApi } from "./runtime-api-server.js";
import { runtimeExchange } from "./runtime-exchange.js";

/** What one RIC container starts from: a task root holding the handler file, and the Lambda runtime. */
export interface RicLaunch {
  runtime: "ric";
  taskRoot: string;
  /** The function's Lambda runtime (`nodejs24.x`): which Node and which RIC line the process runs. */
  lambdaRuntime: string;
  /**
   * Whether the task root's entry turns source maps on for the handler itself (task-root.ts); when
   * not, the process runs with `--enable-source-maps`.
   */
  entryEnablesSourceMaps?: boolean;
  /** Debug mode: the first inspector port for the container's Node process (debug-mode.ts). */
  inspectPort?: number;
}

interface Current extends InFlight {
  requestId: string;
  /** Set when the runtime reported an error for this invocation (error post or error trailers). */
  error?: ErrorInfo;
}

export class RicContainer extends ContainerBase<Current> {
  readonly ready: Promise<number>;
  private child?: ChildProcess;
  private api?: RuntimeApi;
  /** What the runtime has sent the Runtime API so far (runtime-exchange.ts). */
  private readonly exchange = runtimeExchange(this.id);
  private initError?: ErrorInfo;
  private resolveReady: (ms: number) => void = () => {};
  private rejectReady: (e: ErrorInfo) => void = () => {};
  private readonly exited: Promise<void>;
  private markExited: () => void = () => {};
  /** Debug mode: the inspector port this container's process listens on. */
  private inspectPort?: number;

  constructor(
    id: number,
    spec: ContainerSpec,
    private readonly launch: RicLaunch,
    log: (line: string) => void,
    onDead: (c: ExecutionEnvironment) => void,
  ) {
    super(id, spec, log, onDead);
    this.ready = new Promise<number>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.exited = new Promise((resolve) => {
      this.markExited = resolve;
    });
    void this.start();
  }

  private async start(): Promise<void> {
    const started = performance.now();
    try {
      this.api = await startRuntimeApi({
        onEvent: (e) => this.onRuntimeEvent(e, started),
        maxResponseBytes: this.spec.maxResponseBytes,
      });
    } catch (err) {
      this.cannotStart(`no Runtime API: ${(err as Error).message}`);
      return;
    }
    if (this.killedWhileStarting()) {
      this.markExited();
      await this.api.close();
      return;
    }
    const env = {
      ...this.spec.env,
      AWS_LAMBDA_RUNTIME_API: this.api.address,
      LAMBDA_TASK_ROOT: this.launch.taskRoot,
      AWS_LAMBDA_LOG_STREAM_NAME: this.logStreamName,
    };
    let entry: string;
    let node: string;
    try {
      entry = resolveRuntimeClient(this.launch.lambdaRuntime).entry;
      node = resolveFunctionNode(this.launch.lambdaRuntime).binary;
    } catch (err) {
      this.cannotStart((err as Error).message);
      return;
    }
    // Arguments are ignored by RIC: `_HANDLER` names the handler
    // (docs/platform-facts.md#aws-lambda-ric-as-a-process). Node's own flags are not: the compiled handler's
    // inline source map makes its stack traces name `handler/src` lines (a flag, not NODE_OPTIONS, so the
    // function's environment stays what Lambda's would be), unless the task root's entry turns maps on for
    // the handler alone (task-root.ts).
    const flags = this.launch.entryEnablesSourceMaps ? [] : ["--enable-source-maps"];
    if (this.launch.inspectPort !== undefined) {
      this.inspectPort = await claimInspectPort(this.launch.inspectPort);
      if (this.killedWhileStarting()) {
        this.markExited();
        releaseInspectPort(this.inspectPort, this.exited);
        await this.api.close();
        return;
      }
      flags.push(inspectFlag(this.inspectPort));
    }
    const child = spawn(node, [...flags, entry], {
      cwd: this.launch.taskRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.pipeOutput(child.stdout);
    this.pipeOutput(child.stderr);
    child.on("error", (err) => this.cannotStart(err.message));
    child.on("exit", (code, signal) => this.onExit(code, signal));
  }

  /** The pool ended the environment (a reload, a close) while its process was being set up. */
  private killedWhileStarting(): boolean {
    return this.state === "Stopped";
  }

  private onRuntimeEvent(event: RuntimeEvent, started: number): void {
    switch (event.type) {
      case "next": {
        // The first one ends the Init phase. Later ones: the invocation served is over once its answer
        // is in; RIC does not await a failed stream's end, so this can come before that POST, or
        // before its error trailers (`ReadyBeforeResponse`: the answer ends the invocation).
        const was = this.exchange.state;
        this.exchange.apply("next");
        if (was === "Started") this.resolveReady(performance.now() - started);
        else if (was === "ResponseSent") this.finish(this.current?.error);
        return;
      }
      case "init-error":
        this.initError = event.error;
        this.log(`container #${this.id} init failed: ${event.error.errorType}: ${event.error.errorMessage}`);
        // RIC exits 1 after posting the init error; the exit rejects `ready` with this error.
        return;
      default:
        this.onInvocationEvent(event);
    }
  }

  private onInvocationEvent(event: Exclude<RuntimeEvent, { type: "next" | "init-error" }>): void {
    const current = this.current;
    if (!current || current.requestId !== event.requestId) return;
    switch (event.type) {
      case "stream-start":
        this.exchange.apply("stream-start");
        current.observer.head(event.contentType);
        return;
      case "stream-chunk":
        current.observer.chunk(event.data);
        return;
      case "stream-end":
        if (event.error) current.error = event.error;
        else current.observer.end();
        break;
      case "buffered":
        current.observer.buffered(event.body, event.contentType);
        break;
      case "invocation-error":
        current.error = event.error;
        break;
    }
    // The answer is in; when the runtime has already asked for the next invocation, this one is over.
    if (this.exchange.apply("answered") === "Ready") this.finish(current.error);
  }

  /** The runtime process could not be started at all: the Init phase fails with the reason. */
  private cannotStart(reason: string): void {
    this.log(`container #${this.id} could not start: ${reason}`);
    this.rejectReady({ errorType: "Runtime.Unknown", errorMessage: reason });
    this.markDead();
    this.markExited();
    void this.api?.close();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const info = exitError(code, signal);
    this.rejectReady(this.initError ?? info);
    if (this.state !== "Stopped") this.log(`container #${this.id} exited: ${info.errorMessage}`);
    if (this.inspectPort !== undefined) releaseInspectPort(this.inspectPort, this.exited);
    this.finish(this.current?.error ?? info);
    this.markDead();
    this.markExited();
    void this.api?.close();
  }

  protected begin({ event, context, observer, timer, timeoutMs }: InvocationStart): void {
    this.exchange.apply("invoke");
    this.current = { requestId: context.awsRequestId, observer, timer };
    this.api?.invoke(
      {
        requestId: context.awsRequestId,
        deadlineMs: Date.now() + timeoutMs,
        functionArn: context.invokedFunctionArn,
        traceId: context.xRayTraceId ?? "",
      },
      JSON.stringify(event),
    );
  }

  kill(): void {
    this.markDead();
    if (this.inspectPort !== undefined) releaseInspectPort(this.inspectPort, this.exited);
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
    } else if (!this.child) {
      this.markExited();
    }
    void this.api?.close();
  }

  stopped(): Promise<void> {
    return this.exited;
  }
}
