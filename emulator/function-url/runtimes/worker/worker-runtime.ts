/**
 * Runs inside a worker thread: one Lambda execution environment. Installs `awslambda`, imports the
 * handler module once (the init phase), then serves one invocation at a time, streaming every write
 * to the emulator with postMessage (the ArrayBuffer is transferred, not copied).
 * Streaming rules from aws-lambda-nodejs-runtime-interface-client `streaming-invoke-processor.ts`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { ErrorInfo } from "../../containers/platform-types.js";
import {
  handlerHighWaterMark,
  installAwsLambdaGlobal,
  isStreamingHandler,
  LambdaResponseStream,
  type ResponseSink,
} from "./awslambda.js";
import { installInvokeStore, invocationContext } from "./invoke-store.js";
import type { ContainerData, FromContainer, ToContainer, WorkerInvokeContext } from "./messages.js";
import {
  checkCallbackHandler,
  importError,
  moduleNotFound,
  parseHandler,
  patchConsole,
  resolveHandler,
  formatError as ricFormatError,
  serializeToJSON,
  toFormatted,
} from "./ric-conventions.js";
import { enableSourceMapsFor } from "./source-map-scope.js";

type Handler = (...args: unknown[]) => unknown;

const port = parentPort;
if (!port) throw new Error("worker-runtime.ts must run in a worker thread");
const data = workerData as ContainerData;

function post(message: FromContainer, transfer?: ArrayBuffer[]): void {
  port?.postMessage(message, transfer);
}

function formatError(err: unknown): ErrorInfo {
  const f = ricFormatError(err);
  return { errorType: f.errorType, errorMessage: f.errorMessage, stack: f.trace };
}

/** The invocation being served, for the request id in log lines (RIC's invoke store). */
let currentRequestId = "-";

/** Logged by the runtime itself before it reports a failed invocation (RIC `LifecycleManager.fail`). */
function logInvokeError(err: unknown): void {
  console.error("Invoke Error", toFormatted(err));
}

function sinkFor(invokeId: number): ResponseSink {
  return {
    head: (contentType) => post({ type: "head", invokeId, contentType }),
    chunk: (bytes) => {
      const copy = new ArrayBuffer(bytes.byteLength);
      new Uint8Array(copy).set(bytes);
      post({ type: "chunk", invokeId, data: copy }, [copy]);
    },
    end: () => post({ type: "end", invokeId }),
  };
}

/** The context RIC builds (`ContextBuilder`): these keys, in this order, and nothing else. */
function contextFor(data: WorkerInvokeContext) {
  const deadline = Date.now() + data.remainingMs;
  return {
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: data.invokedFunctionArn,
    awsRequestId: data.awsRequestId,
    tenantId: undefined,
    xRayTraceId: data.xRayTraceId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    functionName: data.functionName,
    functionVersion: data.functionVersion,
    memoryLimitInMB: data.memoryLimitInMB,
    logGroupName: data.logGroupName,
    logStreamName: data.logStreamName,
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as Promise<unknown>).then === "function"
  );
}

/**
 * RIC awaits the Runtime API's answer to the streamed POST, which comes only once the stream has
 * ended: a handler that settles before `end()` keeps the invocation open (until the function times
 * out, if nothing ends the stream). A destroyed stream aborts that POST: an error.
 */
async function waitForFinish(stream: LambdaResponseStream): Promise<void> {
  if (stream.writableFinished) return;
  if (stream.destroyed) throw new Error("The response stream was destroyed.");
  await new Promise<void>((resolve, reject) => {
    stream.once("finish", resolve);
    stream.once("close", () =>
      stream.writableFinished ? resolve() : reject(new Error("The response stream was destroyed.")),
    );
  });
}

/** RIC `StreamingInvokeProcessor.processInvoke`. */
async function invokeStreaming(
  handler: Handler,
  invokeId: number,
  event: unknown,
  context: unknown,
): Promise<void> {
  const stream = new LambdaResponseStream(sinkFor(invokeId), handlerHighWaterMark(handler));
  try {
    const result = handler(event, stream, context);
    if (!isPromise(result)) throw new Error("Streaming does not support non-async handlers.");
    const value = await result;
    if (value !== undefined) console.warn("Streaming handlers ignore return values.");
    await waitForFinish(stream);
    if (!stream.writableFinished) throw new Error("Response stream is not finished.");
    post({ type: "done", invokeId });
  } catch (err) {
    await new Promise((resolve) => setImmediate(resolve));
    logInvokeError(err);
    post({ type: "done", invokeId, error: formatError(err) });
  }
}

/**
 * RIC `BufferedInvokeProcessor`: a handler not wrapped in streamifyResponse; its return value is
 * posted as JSON, uninterpreted (what the client then sees is decided in `invocation-response.ts`).
 */
async function invokeBuffered(
  handler: Handler,
  invokeId: number,
  event: unknown,
  context: unknown,
): Promise<void> {
  try {
    const body = serializeToJSON(await handler(event, context));
    const bytes = Buffer.from(body);
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    await new Promise((resolve) => setImmediate(resolve));
    post({ type: "buffered", invokeId, data: copy, contentType: "application/json" }, [copy]);
    post({ type: "done", invokeId });
  } catch (err) {
    await new Promise((resolve) => setImmediate(resolve));
    logInvokeError(err);
    post({ type: "done", invokeId, error: formatError(err) });
  }
}

/** The task root holds the package's entry under this path (`index` for the deployed `index.mjs`). */
function loadsFromPackage(moduleRoot: string, moduleName: string): boolean {
  return path.posix.join(moduleRoot, moduleName) === data.packageModule;
}

/** RIC `createRuntime` + `UserFunctionLoader.load`: import the module, find the handler, check it. */
async function loadHandler(): Promise<{ handler: Handler; streaming: boolean }> {
  const { moduleRoot, moduleName, handlerName } = parseHandler(data.handler);
  if (!loadsFromPackage(moduleRoot, moduleName) || !existsSync(data.modulePath)) {
    throw moduleNotFound(moduleName, path.join("/var/runtime", "index.mjs"));
  }
  // The compiled handler carries an inline source map: stack traces then name `handler/src` lines
  // (the `ric` runtime's task root does the same for RIC: runtimes/ric/task-root.ts).
  await enableSourceMapsFor(data.modulePath);
  let module: unknown;
  try {
    module = await import(pathToFileURL(data.modulePath).href);
  } catch (err) {
    throw importError(err);
  }
  const handler = resolveHandler(module, handlerName, data.handler) as Handler;
  const streaming = isStreamingHandler(handler);
  checkCallbackHandler(handler, streaming);
  return { handler, streaming };
}

const invokeStore = { current: undefined as ReturnType<typeof installInvokeStore> | undefined };

async function init(): Promise<{ handler: Handler; streaming: boolean } | undefined> {
  installAwsLambdaGlobal();
  invokeStore.current = installInvokeStore();
  // Through the message port, so a line reaches the emulator before the invocation's end does.
  patchConsole(
    () => currentRequestId,
    (line) => post({ type: "log", line }),
  );
  const started = performance.now();
  try {
    const loaded = await loadHandler();
    post({ type: "ready", initMs: performance.now() - started });
    return loaded;
  } catch (err) {
    console.error("Init Error", toFormatted(err));
    post({ type: "init-error", error: formatError(err) });
    return undefined;
  }
}

const loaded = await init();
if (loaded) {
  const { handler, streaming } = loaded;
  port.on("message", (message: ToContainer) => {
    if (message.type === "invoke") {
      const context = contextFor(message.context);
      currentRequestId = message.context.awsRequestId;
      // RIC moves the trace header into the environment for the SDKs (`moveXRayHeaderToEnv`).
      if (message.context.xRayTraceId) process.env._X_AMZN_TRACE_ID = message.context.xRayTraceId;
      else delete process.env._X_AMZN_TRACE_ID;
      const invoke = streaming ? invokeStreaming : invokeBuffered;
      const ids = invocationContext(message.context.awsRequestId, message.context.xRayTraceId);
      const event: unknown = JSON.parse(message.eventJson);
      void invokeStore.current?.run(ids, () => invoke(handler, message.invokeId, event, context));
    }
  });
}
