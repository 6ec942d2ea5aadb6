/** What `host.ts` and its thread (`host-worker.ts`) exchange. */
import type { MessagePort } from "node:worker_threads";

/** Int32 slots of the shared flags: the thread is ready; the current run is answered. */
export const FLAG_READY = 0;
export const FLAG_DONE = 1;

export interface HostData {
  /** The function's code with the invoker appended, and its file name for stack traces. */
  code: string;
  file: string;
  flags: SharedArrayBuffer;
  port: MessagePort;
}

export interface RunRequest {
  eventJson: string;
  /** The run's frozen clock (ms since the epoch). */
  start: number;
}

export interface RunReply {
  elapsedMs: number;
  /** The function's `console.log` lines, in order. */
  logs: string[];
  /** What the invoker left in `__cf_out`; absent when the promise never settled. */
  out?: { ok: boolean; json?: string; message?: string };
  /** The run itself threw outside the invoker's try (it should not). */
  thrown?: string;
}
