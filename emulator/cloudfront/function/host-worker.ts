/**
 * The thread that runs a CloudFront Function for `host.ts`: a fresh sandbox per run (made
 * ahead, between runs), the run itself without node:vm's `timeout` (the main thread stops a run that
 * overruns by terminating this thread), the answer posted back and the main thread woken through
 * the shared flag it waits on.
 */

import vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { FLAG_DONE, FLAG_READY, type HostData, type RunReply, type RunRequest } from "./host-messages.js";
import { createSandbox } from "./sandbox.js";

const { code, file, flags: shared, port } = workerData as HostData;
const flags = new Int32Array(shared);
const script = new vm.Script(code, { filename: file });
let logs: string[] = [];
const log = (line: string) => logs.push(line);
let spare: vm.Context | undefined = createSandbox(log);

port.on("message", (request: RunRequest) => {
  const context = spare ?? createSandbox(log);
  spare = undefined;
  logs = [];
  context.__cf_event_json = request.eventJson;
  context.__cf_start = request.start;
  let reply: RunReply;
  const started = process.hrtime.bigint();
  try {
    script.runInContext(context);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    reply = { elapsedMs, logs, out: context.__cf_out as RunReply["out"] };
  } catch (error) {
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    reply = { elapsedMs, logs, thrown: String((error as Error)?.message ?? error) };
  }
  port.postMessage(reply);
  Atomics.store(flags, FLAG_DONE, 1);
  Atomics.notify(flags, FLAG_DONE);
  // The next run's sandbox, built while the main thread carries on.
  setImmediate(() => {
    spare ??= createSandbox(log);
  });
});

parentPort?.unref();
Atomics.store(flags, FLAG_READY, 1);
Atomics.notify(flags, FLAG_READY);
