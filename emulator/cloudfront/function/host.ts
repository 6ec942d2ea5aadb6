/**
 * Runs a CloudFront Function's invocations on one long-lived thread, synchronously for the caller.
 *
 * Why: node:vm's `timeout` starts and joins a watchdog thread for every call. Measured on the 2-core
 * dev box under load, that was most of a run: 190-830 us per run with the timeout against 5-60 us
 * without; the chain's CPU profile had `runInContext` as its largest item (16 % of the main thread).
 * Here the thread is started once; a run is a message to it and an `Atomics.wait` for its answer
 * (about 16 us round trip), and a run that overruns is stopped the way the watchdog stopped it:
 * by ending the thread (the next run gets a new one). The fresh sandbox per run is built on that
 * thread too, between runs, off the emulator's main thread.
 *
 * The thread's code is bundled once per process with esbuild (a worker cannot start from a .ts
 * file on Node 20).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import { sourceBundleOptions } from "../../common/source-bundle.js";
import { FLAG_DONE, FLAG_READY, type HostData, type RunReply, type RunRequest } from "./host-messages.js";

const WORKER_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "host-worker.ts");

/** Bounded wait for a new thread to be ready (its start does not count against the function). */
const START_TIMEOUT_MS = 30_000;

let bundled: string | undefined;
function workerCode(): string {
  bundled ??=
    buildSync({
      ...sourceBundleOptions(),
      entryPoints: [WORKER_SOURCE],
      // Unlike the other source bundles: a Worker started from a string (`eval: true`) runs it as a
      // CommonJS script, with no file location to resolve a package import from.
      format: "cjs",
      packages: "bundle",
      write: false,
    }).outputFiles[0]?.text ?? "";
  return bundled;
}

export type HostResult = { kind: "reply"; reply: RunReply } | { kind: "timeout" };

export interface FunctionHost {
  /** One run; blocks the caller at most `timeoutMs` (plus a new thread's start). */
  run(request: RunRequest, timeoutMs: number): HostResult;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  flags: Int32Array;
}

export function createFunctionHost(code: string, file: string): FunctionHost {
  let thread: Thread | undefined;
  const start = (): Thread => {
    const shared = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    const data: HostData = { code, file, flags: shared, port: port2 };
    const worker = new Worker(workerCode(), { eval: true, workerData: data, transferList: [port2] });
    // A thread that dies on its own (it should not) is replaced at the next run; this one's run, if
    // any, ends as a timeout. Without a listener its error would end the emulator.
    worker.on("error", () => {
      if (thread?.worker === worker) thread = undefined;
    });
    // Neither keeps the emulator alive; the thread only ever answers a run the main thread waits for.
    worker.unref();
    port1.unref();
    return { worker, port: port1, flags: new Int32Array(shared) };
  };
  const stop = (t: Thread) => {
    t.port.close();
    return t.worker.terminate();
  };
  return {
    run(request, timeoutMs) {
      thread ??= start();
      const t = thread;
      if (Atomics.load(t.flags, FLAG_READY) !== 1) Atomics.wait(t.flags, FLAG_READY, 0, START_TIMEOUT_MS);
      Atomics.store(t.flags, FLAG_DONE, 0);
      t.port.postMessage(request);
      if (Atomics.wait(t.flags, FLAG_DONE, 0, timeoutMs) === "timed-out") {
        thread = undefined;
        void stop(t);
        return { kind: "timeout" };
      }
      const received = receiveMessageOnPort(t.port);
      if (!received) throw new Error("the CloudFront Function thread answered without a reply");
      return { kind: "reply", reply: received.message as RunReply };
    },
    async close() {
      const t = thread;
      thread = undefined;
      if (t) await stop(t);
    },
  };
}
