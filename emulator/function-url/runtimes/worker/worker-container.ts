/**
 * The `worker` runtime's execution environment: a worker thread running the emulator's own Lambda
 * runtime (`runtimes/worker/worker-runtime.ts`). Fast to start and light; held to AWS's runtime client by the
 * conformance suite (`conformance/`).
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { ContainerBase, type InFlight, type InvocationStart } from "../../containers/container-base.js";
import {
  type ContainerSpec,
  type ExecutionEnvironment,
  exitError,
} from "../../containers/execution-environment.js";
import type { ErrorInfo } from "../../containers/platform-types.js";
import type { ContainerData, FromContainer } from "./messages.js";

/** What one worker container starts from: the worker's entry file and the handler module it imports. */
export interface WorkerLaunch {
  runtime: "worker";
  workerEntry: URL | string;
  modulePath: string;
  /** The folder the package was unpacked to (`LAMBDA_TASK_ROOT`), when the function runs its deployed zip. */
  taskRoot?: string;
}

let utcSet = false;

export class WorkerContainer extends ContainerBase<InFlight & { invokeId: number }> {
  readonly worker: Worker;
  readonly ready: Promise<number>;

  constructor(
    id: number,
    spec: ContainerSpec,
    launch: WorkerLaunch,
    log: (line: string) => void,
    onDead: (c: ExecutionEnvironment) => void,
  ) {
    super(id, spec, log, onDead);
    const data: ContainerData = {
      modulePath: launch.modulePath,
      handlerName: spec.handlerName,
      handler: spec.env._HANDLER ?? `index.${spec.handlerName}`,
      packageModule: spec.packageModule ?? "index",
    };
    // Lambda runs in UTC (TZ=:UTC). A worker thread shares its process's time zone (ICU is per process,
    // and `TZ` in a worker's own env is not applied), so the emulator process itself switches to UTC.
    if (!utcSet && spec.env.TZ) {
      process.env.TZ = spec.env.TZ;
      utcSet = true;
    }
    const spawned = performance.now();
    this.worker = new Worker(launch.workerEntry, {
      workerData: data,
      env: {
        ...spec.env,
        ...(launch.taskRoot ? { LAMBDA_TASK_ROOT: launch.taskRoot } : {}),
        AWS_LAMBDA_LOG_STREAM_NAME: this.logStreamName,
      },
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
          // Lambda's Init Duration covers the runtime's start too, not only the handler's import.
          resolveReady(performance.now() - spawned);
          return;
        case "log":
          this.functionLine(message.line);
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
    // A process-level throw in the function (uncaught exception, unhandled rejection) ends the container;
    // Node then exits with status 1, which is what Lambda reports for the runtime process.
    // The thread's end can overtake messages it posted just before (a response it had completed):
    // they are handled first, as the Runtime API receives a runtime's requests before its exit.
    const ended = (info: ErrorInfo) =>
      setImmediate(() => {
        rejectReady(info);
        this.finish(info);
        this.markDead();
      });
    this.worker.on("error", (err) => {
      this.log(`container #${this.id} crashed: ${err.name}: ${err.message}`);
      ended(exitError(1));
    });
    this.worker.on("exit", (code) => ended(exitError(code)));
  }

  private route(message: Exclude<FromContainer, { type: "ready" | "init-error" | "log" }>): void {
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
      case "buffered":
        current.observer.buffered(Buffer.from(message.data), message.contentType);
        return;
      case "done":
        this.finish(message.error);
        return;
    }
  }

  protected begin({ invokeId, event, context, observer, timer, timeoutMs }: InvocationStart): void {
    this.current = { invokeId, observer, timer };
    this.worker.postMessage({
      type: "invoke",
      invokeId,
      // As JSON, like the Runtime API's body: what JSON cannot carry (undefined, Dates) never arrives.
      eventJson: JSON.stringify(event),
      context: { ...context, remainingMs: timeoutMs },
    });
  }

  kill(): void {
    this.markDead();
    void this.worker.terminate();
  }

  async stopped(): Promise<void> {
    await this.worker.terminate();
  }
}
