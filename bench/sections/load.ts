/** Cases 4, 6 and 7 as metrics: throughput and memory under load (stack in its own process), suite time. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureSuite } from "../cases/suite.js";
import { measureConcurrentStreams, measureThroughput } from "../cases/throughput.js";
import { each, metric } from "../metrics.js";
import type { BenchResults } from "../report.js";
import type { BenchSamples } from "../samples.js";
import type { Sizes } from "../sizes.js";
import { type StackChild, startStackChild } from "../stack-child.js";
import { summarize } from "../stats.js";

type Log = (line: string) => void;

export async function recordLoad(results: BenchResults, samples: BenchSamples, size: Sizes, log: Log) {
  log("4 and 6. throughput and memory under load (stack in its own process)");
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-load-"));
  // The load cases measure the emulator's capacity with the light worker runtime: at 200 concurrent
  // streams, ric would start 200 Node processes (see runtime.ric.rssPerContainer).
  const child = await startStackChild({
    stateDir,
    overrides: { gemini: { pieceDelayMs: 0 }, functionUrl: { containerRuntime: "worker" } },
  });
  try {
    await recordThroughput(child, results, samples, size, log);
    await recordStreams(child, results, size);
  } finally {
    await child.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function recordThroughput(
  child: StackChild,
  results: BenchResults,
  samples: BenchSamples,
  size: Sizes,
  log: Log,
) {
  const M = results.metrics;
  const levels = await measureThroughput(child, size.levels, size.throughputRuns, size.durationSec, log);
  for (const level of levels) {
    const c = level.concurrency;
    samples.throughput.push({
      concurrency: c,
      chatsPerSecond: level.chatsPerSecond,
      errors: level.errors,
      non2xx: level.non2xx,
    });
    M[`throughput.c${c}`] = metric(
      "chats/s",
      `completed short streamed chats per second, ${c} concurrent`,
      summarize(each(level.chatsPerSecond)),
    );
    const latency = summarize(level.latencyMs);
    if (latency.samples > 0) {
      M[`throughput.c${c}.latency`] = metric(
        "ms",
        `per-chat latency at ${c} concurrent (autocannon)`,
        latency,
      );
    } else {
      results.notes.push(`No chat completed at concurrency ${c}: no latency figure for that level.`);
    }
    M[`memory.load.c${c}`] = metric(
      "MB",
      `peak RSS of the stack during the c=${c} runs`,
      summarize(each(level.peakRssMb)),
    );
    results.counts[`throughput.c${c}.errors`] = level.errors;
    results.counts[`throughput.c${c}.non2xx`] = level.non2xx;
    results.counts[`throughput.c${c}.completed`] = level.completed;
  }
}

async function recordStreams(child: StackChild, results: BenchResults, size: Sizes) {
  const streams = await measureConcurrentStreams(child, size.streams, size.streamRounds);
  results.metrics[`memory.streams${streams.concurrent}`] = metric(
    "MB",
    `peak RSS with ${streams.concurrent} concurrent 1 s streams`,
    summarize(each(streams.peakRssMb)),
  );
  results.counts[`memory.streams${streams.concurrent}.errors`] = streams.errors;
  for (const [reason, n] of Object.entries(streams.errorReasons)) {
    results.counts[`memory.streams${streams.concurrent}.error: ${reason}`] = n;
  }
  results.metrics["memory.idleAfterLoad"] = metric(
    "MB",
    "RSS once the load is over (warm containers kept)",
    summarize([[child.rssMb()]]),
  );
}

export async function recordSuite(results: BenchResults, log: Log) {
  log("7. suite time (npm test, contract tests)");
  const suite = await measureSuite(log);
  for (const [name, values] of Object.entries(suite)) {
    if (values.length > 0)
      results.metrics[`suite.${name}`] = metric(
        "ms",
        `wall time of ${name === "npmTest" ? "`npm test`" : "the contract tests"}`,
        summarize(each(values)),
      );
  }
}
