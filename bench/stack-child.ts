/** Starts `stack-process.ts` as a child process and talks to it; also reads its resident memory. */
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { readSetting } from "../emulator/config/settings.js";
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
  idToken(): Promise<string>;
  /** Resident set size of the whole process (main thread, worker threads, native memory), in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

export interface StackChildOptions {
  stateDir: string;
  overrides?: unknown;
  timeoutMs?: number;
  /** Extra Node options for the child, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/p"]. */
  nodeArgs?: string[];
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

/** Linux /proc gives the RSS of a process we do not run code in; that is what `top` shows. */
function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export async function startStackChild(options: StackChildOptions): Promise<StackChild> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  const child = fork(ENTRY, [], {
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
      // The emulator's own cost is measured with every write delivered at once (docs/delivery.md).
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
    async idToken() {
      // Generous: under load the child's event loop may be busy with hundreds of streams.
      const reply = waitFor(child, "token", 60_000);
      child.send({ type: "mint" } satisfies ToStackProcess);
      return (await reply).idToken;
    },
    rssMb: () => rssMbOf(pid),
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
