/**
 * Starts `stack-process.ts` as a child process and talks to it; also reads what it costs the machine
 * (its memory and CPU, with its `ric` containers: process-stats.ts).
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { readSetting } from "../emulator/config/settings.js";
import type { PoolStats } from "../emulator/function-url/containers/pool-types.js";
import { type ResidentMemory, residentMemory, stackCpuMs, stackMemoryMb } from "./process-stats.js";
import type { FromStackProcess, ToStackProcess } from "./stack-process.js";

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), "stack-process.ts");

export interface StackChild {
  pid: number;
  endpoint: string;
  urls: Record<string, string>;
  /** Parent-measured: from spawn() to the "ready" message (includes Node and tsx start-up). */
  spawnToReadyMs: number;
  /** Child-measured: from the child's time origin to every service healthy. */
  readyMs: number;
  phases: { bootMs: number; configMs: number; servicesMs: number };
  /** The model the function asks the stub for, and the stub's key. */
  stub: { model: string; apiKey: string };
  idToken(): Promise<string>;
  /** The Function URL's container pool, as it stands. */
  poolStats(): Promise<PoolStats>;
  /** Resident set size of the stack process alone (main thread, worker threads, native memory), in MB. */
  rssMb(): number;
  /** The stack process and its `ric` containers (process-stats.ts `stackMemoryMb`), in MB. */
  memoryMb(): number;
  /** The stack process's own RSS and its anonymous and file-backed parts. */
  memory(): ResidentMemory;
  /** CPU time used so far by the stack process and by each `ric` container. */
  cpu(): ReturnType<typeof stackCpuMs>;
  stop(): Promise<void>;
}

export interface StackChildOptions {
  stateDir: string;
  overrides?: unknown;
  timeoutMs?: number;
  /** Extra Node options for the child, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/p"]. */
  nodeArgs?: string[];
  /** Also start the playground (the Vite dev server `npm start` runs beside the request path). */
  playground?: boolean;
}

function waitFor<T extends FromStackProcess["type"]>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromStackProcess, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`stack process sent no "${type}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: FromStackProcess) => {
      if (message.type === type) done(undefined, message as Extract<FromStackProcess, { type: T }>);
      else if (message.type === "failed") done(new Error(`stack process failed: ${message.message}`));
    };
    const onExit = (code: number | null) =>
      done(new Error(`stack process exited (${code}) before "${type}"`));
    function done(error?: Error, message?: Extract<FromStackProcess, { type: T }>) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else if (message) resolve(message);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function startStackChild(options: StackChildOptions): Promise<StackChild> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  const child = fork(ENTRY, options.playground ? ["--playground"] : [], {
    execArgv: ["--import", "tsx", ...(options.nodeArgs ?? [])],
    env: {
      ...process.env,
      EMULATOR_STATE_DIR: options.stateDir,
      CLOUDFRONT_PORT: "0",
      FUNCTION_URL_PORT: "0",
      COGNITO_PORT: "0",
      GEMINI_STUB_PORT: "0",
      SSM_PORT: "0",
      PLAYGROUND_PORT: "0",
      // `npm start`'s default: every write delivered as it comes (docs/delivery.md).
      FUNCTION_URL_DELIVERY: readSetting("FUNCTION_URL_DELIVERY") ?? "immediate",
      BENCH_STACK_OVERRIDES: options.overrides === undefined ? "" : JSON.stringify(options.overrides),
    },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString("utf8");
  });
  let ready: Extract<FromStackProcess, { type: "ready" }>;
  try {
    ready = await waitFor(child, "ready", timeoutMs);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ""}`);
  }
  const spawnToReadyMs = performance.now() - started;
  const pid = child.pid ?? -1;
  return {
    pid,
    endpoint: ready.endpoint,
    urls: ready.urls,
    spawnToReadyMs,
    readyMs: ready.readyMs,
    phases: ready.phases,
    stub: ready.stub,
    async idToken() {
      // Generous: under load the child's event loop may be busy with hundreds of streams.
      const reply = waitFor(child, "token", 60_000);
      child.send({ type: "mint" } satisfies ToStackProcess);
      return (await reply).idToken;
    },
    async poolStats() {
      const reply = waitFor(child, "stats", 60_000);
      child.send({ type: "stats" } satisfies ToStackProcess);
      const { stats } = await reply;
      if (!stats) throw new Error("the stack process runs no Function URL");
      return stats;
    },
    rssMb: () => residentMemory(pid).rssMb,
    memoryMb: () => stackMemoryMb(pid),
    memory: () => residentMemory(pid),
    cpu: () => stackCpuMs(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send({ type: "stop" } satisfies ToStackProcess);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
