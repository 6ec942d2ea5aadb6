/**
 * Runs inside a worker thread: one Lambda execution environment. Installs `awslambda`, imports the
 * handler module once (the init phase), then serves one invocation at a time, streaming every write
 * to the emulator with postMessage (the ArrayBuffer is transferred, not copied).
 * Streaming rules from aws-lambda-nodejs-runtime-interface-client `streaming-invoke-processor.ts`.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import {
  handlerHighWaterMark,
  installAwsLambdaGlobal,
  isStreamingHandler,
  LambdaResponseStream,
  METADATA_PRELUDE_CONTENT_TYPE,
  type ResponseSink,
} from "./awslambda.js";
import type { ContainerData, ErrorInfo, FromContainer, InvokeContextData, ToContainer } from "./messages.js";

type Handler = (...args: unknown[]) => unknown;

const port = parentPort;
if (!port) throw new Error("container.ts must run in a worker thread");
const data = workerData as ContainerData;

function post(message: FromContainer, transfer?: ArrayBuffer[]): void {
  port?.postMessage(message, transfer);
}

function formatError(err: unknown): ErrorInfo {
  if (err instanceof Error) {
    return { errorType: err.name, errorMessage: err.message, stack: err.stack?.split("\n") };
  }
  return { errorType: "Error", errorMessage: String(err) };
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

function contextFor(data: InvokeContextData) {
  const deadline = Date.now() + data.remainingMs;
  const { remainingMs: _remaining, ...fields } = data;
  return {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as Promise<unknown>).then === "function"
  );
}

async function waitForFinish(stream: LambdaResponseStream): Promise<void> {
  if (!stream.writableEnded || stream.writableFinished || stream.destroyed) return;
  await new Promise<void>((resolve) => {
    stream.once("finish", resolve);
    stream.once("close", resolve);
  });
}

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
    post({ type: "done", invokeId, error: formatError(err) });
  }
}

/**
 * A handler not wrapped in streamifyResponse, behind a RESPONSE_STREAM URL: its return value is
 * turned into a response by the Function URL response format (urls-invocation.html: a value without
 * `statusCode` is a 200 `application/json` body).
 */
async function invokeBuffered(
  handler: Handler,
  invokeId: number,
  event: unknown,
  context: unknown,
): Promise<void> {
  try {
    const result = await handler(event, context);
    const sink = sinkFor(invokeId);
    let prelude: Record<string, unknown> = {
      statusCode: 200,
      headers: { "content-type": "application/json" },
    };
    let body: Buffer;
    const r = result as Record<string, unknown> | undefined;
    if (r !== null && typeof r === "object" && "statusCode" in r) {
      prelude = { statusCode: r.statusCode, headers: r.headers ?? {}, cookies: r.cookies ?? [] };
      const raw = typeof r.body === "string" ? r.body : r.body === undefined ? "" : JSON.stringify(r.body);
      body = Buffer.from(raw, r.isBase64Encoded === true ? "base64" : "utf8");
    } else {
      body = Buffer.from(typeof result === "string" ? result : (JSON.stringify(result) ?? ""));
    }
    sink.head(METADATA_PRELUDE_CONTENT_TYPE);
    sink.chunk(Buffer.from(JSON.stringify(prelude)));
    sink.chunk(new Uint8Array(8));
    if (body.byteLength > 0) sink.chunk(body);
    sink.end();
    post({ type: "done", invokeId });
  } catch (err) {
    post({ type: "done", invokeId, error: formatError(err) });
  }
}

async function init(): Promise<Handler | undefined> {
  installAwsLambdaGlobal();
  const started = performance.now();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(data.modulePath).href)) as Record<string, unknown>;
  } catch (err) {
    const info = formatError(err);
    post({ type: "init-error", error: { ...info, errorType: "Runtime.ImportModuleError" } });
    return undefined;
  }
  const handler = module[data.handlerName];
  if (typeof handler !== "function") {
    post({
      type: "init-error",
      error: {
        errorType: "Runtime.HandlerNotFound",
        errorMessage: `${data.modulePath}.${data.handlerName} is undefined or not exported`,
      },
    });
    return undefined;
  }
  try {
    isStreamingHandler(handler);
  } catch (err) {
    post({ type: "init-error", error: formatError(err) });
    return undefined;
  }
  post({ type: "ready", initMs: performance.now() - started });
  return handler as Handler;
}

const handler = await init();
if (handler) {
  const streaming = isStreamingHandler(handler);
  port.on("message", (message: ToContainer) => {
    if (message.type === "invoke") {
      const context = contextFor(message.context);
      void (streaming ? invokeStreaming : invokeBuffered)(handler, message.invokeId, message.event, context);
    }
  });
}
