/**
 * What the container pool hands out: one Lambda execution environment, whichever runtime runs it
 * (`worker`: a worker thread with the emulator's own runtime; `ric`: a child process running AWS's
 * `aws-lambda-ric` against a local Runtime API). Both report an invocation the same way, through an
 * `InvocationObserver`, so what the HTTP client sees is decided once (`invocation-response.ts`).
 */
import type { ContainerState } from "./container-state.js";
import type { ErrorInfo, InvokeContextData } from "./platform-types.js";

/** The two container runtimes. `ric` is AWS's own runtime client; `worker` is the fast in-process one. */
export type ContainerRuntime = "ric" | "worker";
export const CONTAINER_RUNTIMES: readonly ContainerRuntime[] = ["ric", "worker"];

/** What the runtime sent back for one invocation, as the Lambda service receives it. */
export interface InvocationObserver {
  /** A streamed response starts: its content type is now fixed. */
  head(contentType: string): void;
  chunk(data: Buffer): void;
  /** The streamed response ended without an error. */
  end(): void;
  /** A buffered response: a handler not wrapped in streamifyResponse returned (its JSON-serialised value). */
  buffered(body: Buffer, contentType: string): void;
  /** Always called exactly once per invocation, when the invocation is over; `error` when it failed. */
  done(error?: ErrorInfo): void;
}

export interface ExecutionEnvironment {
  readonly id: number;
  /** Resolves with the Init duration in ms; rejects with the init error. */
  readonly ready: Promise<number>;
  readonly logStreamName: string;
  /** Where the environment is in its lifecycle; changed only by the methods below and its own end. */
  readonly state: ContainerState;
  /** `Ready`: Init done and no invocation owns it, so the pool may reserve it. */
  isIdle(): boolean;
  /** One invocation owns it (`Invoking`, or `StartingReserved` while its Init still runs). */
  isReserved(): boolean;
  /** Init finished well: `Starting` -> `Ready`, `StartingReserved` -> `Invoking`. */
  initDone(): void;
  /** An invocation takes it: `Ready` -> `Invoking`, `Starting` -> `StartingReserved`. */
  reserve(): void;
  /** Its invocation is over: `Invoking` -> `Ready` (one that ended meanwhile stays `Stopped`). */
  release(): void;
  /** Invocations served; the first one on a container is the cold one. */
  served: number;
  lastUsed: number;
  /** `remainingMs`: the time the invocation has left when less than the function timeout (a retried Init used some). */
  invoke(
    event: unknown,
    context: InvokeContextData,
    observer: InvocationObserver,
    remainingMs?: number,
  ): number;
  /** Ends it now (`Stopped`); killing a stopped one changes nothing. */
  kill(): void;
  /** Resolves once the thread or process is gone. */
  stopped(): Promise<void>;
}

export interface ContainerSpec {
  /** Absolute path of the handler module (TypeScript source or built bundle). */
  modulePath: string;
  /** Exported handler name, e.g. `handler` for `index.handler`. */
  handlerName: string;
  /** The function's own environment: a container sees only this, never the emulator's process.env. */
  env: Record<string, string>;
  timeoutSeconds: number;
  /** Debug mode: the timeout never fires (emulator-only deviation, see debug-mode.ts). */
  suspendTimeout?: boolean;
  /** The module name of the package's entry file (`index` for `index.mjs`); default `index`. */
  packageModule?: string;
  /** The response limit the Runtime API holds the runtime to (413 past it); default 200 MB. */
  maxResponseBytes?: number;
  /** Also told each line the function writes, with its container's number (the log gets `[container #N] line`). */
  functionOutput?: (containerId: number, line: string) => void;
}

/** The longest delay `setTimeout` honours (about 24.8 days): "never" for a suspended timeout. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A Lambda log stream name: `YYYY/MM/DD/[$LATEST]<32 hex>`. */
export function newLogStreamName(random: string): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, "/");
  return `${day}/[$LATEST]${random}`;
}

/** The error type of an invocation that ran out of time. */
export const TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

/** The timeout line Lambda logs; the environment is not reused after a timeout. */
export function timeoutError(timeoutSeconds: number): ErrorInfo {
  return {
    errorType: TIMEOUT_ERROR_TYPE,
    errorMessage: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** The runtime process (or thread) ended: Lambda reports `Runtime.ExitError` with the exit status. */
export function exitError(code: number | null, signal?: string | null): ErrorInfo {
  const how = signal ? `signal: ${signal === "SIGKILL" ? "killed" : signal}` : `exit status ${code ?? 0}`;
  return { errorType: "Runtime.ExitError", errorMessage: `Runtime exited with error: ${how}` };
}
