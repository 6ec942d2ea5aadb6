/**
 * The two container runtimes side by side (`worker`: the emulator's own runtime in worker threads;
 * `ric`: AWS's aws-lambda-ric in a child process per container), each behind the Function URL alone:
 * - cold start: a fresh container's first answer (request -> last byte), and its Init Duration;
 * - memory per container: resident memory a warm container adds (ric: the child process's own RSS,
 *   and its anonymous part, what one more costs the machine: process-stats.ts; worker: the growth of
 *   the emulator process's RSS divided by the containers started);
 * - per-chunk delay: a chunk's write in the handler -> its arrival at the client (one machine clock).
 */
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { ContainerRuntime } from "../../emulator/function-url/containers/execution-environment.js";
import {
  fixtureHandlerConfig,
  type Running,
  sendSigned,
  signHeaders,
  startFunctionUrl,
} from "../../emulator/function-url/test-support/harness.js";
import { residentMemory, ricContainers } from "../process-stats.js";

const HANDLER = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "runtime-handler.mjs");

export interface RuntimeSamples {
  coldStartMs: number[];
  initDurationMs: number[];
  rssPerContainerMb: number[];
  /** `ric`: each container process's anonymous memory (worker: empty; its threads share the process). */
  anonPerContainerMb: number[];
  perChunkMs: number[];
}

export interface RuntimeSizes {
  coldRuns: number;
  containers: number;
  chunks: number;
  chunkDelayMs: number;
}

async function start(runtime: ContainerRuntime, maxContainers: number): Promise<Running> {
  return startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.containerRuntime = runtime;
      c.functionUrl.sourceEntry = HANDLER;
      c.functionUrl.timeoutSeconds = 30;
      c.functionUrl.maxContainers = maxContainers;
      c.functionUrl.initConcurrency = maxContainers;
    }),
  );
}

function lastInitDuration(logs: string[]): number {
  const line = [...logs].reverse().find((l) => l.includes("Init Duration"));
  return Number(/Init Duration: ([\d.]+) ms/.exec(line ?? "")?.[1] ?? Number.NaN);
}

async function coldStarts(fu: Running, runs: number, samples: RuntimeSamples): Promise<void> {
  for (let i = 0; i < runs; i++) {
    fu.server.reload("bench: cold start");
    const t = performance.now();
    const r = await sendSigned(fu, { path: "/hello" });
    if (r.body !== "hello") throw new Error(`cold start answer: HTTP ${r.status} ${r.body}`);
    samples.coldStartMs.push(performance.now() - t);
    samples.initDurationMs.push(lastInitDuration(fu.logs));
  }
}

async function memory(fu: Running, runtime: ContainerRuntime, n: number, samples: RuntimeSamples) {
  fu.server.reload("bench: memory");
  const before = residentMemory("self").rssMb;
  // n concurrent holds start n containers; they stay alive (warm) afterwards.
  await Promise.all(Array.from({ length: n }, () => sendSigned(fu, { path: "/hold?ms=300" })));
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (runtime === "ric") {
    for (const pid of ricContainers()) {
      const m = residentMemory(pid);
      samples.rssPerContainerMb.push(m.rssMb);
      samples.anonPerContainerMb.push(m.anonMb);
    }
  } else {
    samples.rssPerContainerMb.push((residentMemory("self").rssMb - before) / n);
  }
}

/** A signed GET whose body lines are stamped with the client's clock as they arrive. */
async function stampedLines(fu: Running, urlPath: string): Promise<{ line: string; at: number }[]> {
  const headers = await signHeaders(
    { method: "GET", host: fu.domain, path: urlPath, headers: {} },
    { credential: fu.config.credentials.cloudfront },
  );
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: fu.port, path: urlPath, headers, agent: false },
      (res) => {
        const lines: { line: string; at: number }[] = [];
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          const at = performance.timeOrigin + performance.now();
          for (const line of text.split("\n").filter(Boolean)) lines.push({ line, at });
        });
        res.on("end", () => resolve(lines));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function chunkDelays(fu: Running, size: RuntimeSizes, samples: RuntimeSamples): Promise<void> {
  // Each chunk holds the time it was written (same machine clock in the container).
  const lines = await stampedLines(fu, `/paced?n=${size.chunks}&d=${size.chunkDelayMs}`);
  for (const { line, at } of lines) samples.perChunkMs.push(at - Number(line));
}

export async function measureRuntime(runtime: ContainerRuntime, size: RuntimeSizes): Promise<RuntimeSamples> {
  const samples: RuntimeSamples = {
    coldStartMs: [],
    initDurationMs: [],
    rssPerContainerMb: [],
    anonPerContainerMb: [],
    perChunkMs: [],
  };
  const fu = await start(runtime, Math.max(2, size.containers));
  try {
    // One warm-up so the handler is compiled and the task root prepared before timing.
    await sendSigned(fu, { path: "/hello" });
    await coldStarts(fu, size.coldRuns, samples);
    await chunkDelays(fu, size, samples);
    await memory(fu, runtime, size.containers, samples);
  } finally {
    await fu.server.close();
  }
  return samples;
}
