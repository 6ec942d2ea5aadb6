/**
 * Cases 4, 6, 7 and 8 as metrics, for each configuration (the one `npm start` runs first), the stack in
 * its own process: time to last byte as a user's curl sees it, throughput with the CPU it took, memory
 * under load (the `ric` containers' included); and the suite time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ContainerRuntime } from "../../emulator/function-url/containers/execution-environment.js";
import { measureSuite } from "../cases/suite.js";
import { measureConcurrentStreams, measureThroughput } from "../cases/throughput.js";
import { measureTtlb } from "../cases/ttlb.js";
import type { BenchConfiguration } from "../configurations.js";
import { each, metric } from "../metrics.js";
import { containersWontFit } from "../process-stats.js";
import type { BenchResults } from "../report.js";
import type { BenchSamples } from "../samples.js";
import type { Sizes } from "../sizes.js";
import { type StackChild, startStackChild } from "../stack-child.js";
import { pairedDifference, summarize } from "../stats.js";

type Log = (line: string) => void;

/**
 * A level of `ric` containers runs only when its processes fit in the machine's free memory with 6 GB
 * to spare for everyone else (a container of the real handler holds about 50-90 MB once warm).
 */
const FIT = { fallbackMb: 100, marginMb: 6144 };

/** `ric` containers are processes, each with its own memory; `worker` containers are threads of the stack. */
function wontFit(runtime: ContainerRuntime, pid: number, containers: number): string | undefined {
  return runtime === "ric" ? containersWontFit(pid, containers, FIT) : undefined;
}

export async function recordLoad(
  results: BenchResults,
  samples: BenchSamples,
  size: Sizes,
  options: { log: Log; configurations: readonly BenchConfiguration[] },
) {
  for (const configuration of options.configurations) {
    options.log(
      `4, 6 and 8. load, ${configuration.name} (${configuration.runtime}; stack in its own process)`,
    );
    const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-load-"));
    const child = await startStackChild({
      stateDir,
      overrides: { gemini: { pieceDelayMs: 0 }, functionUrl: { containerRuntime: configuration.runtime } },
    });
    try {
      await recordTtlb(child, results, size, configuration);
      await recordThroughput(child, results, samples, size, configuration, options.log);
      await recordStreams(child, results, size, configuration);
    } finally {
      await child.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }
}

async function recordTtlb(
  child: StackChild,
  results: BenchResults,
  size: Sizes,
  { prefix, runtime }: BenchConfiguration,
) {
  const t = await measureTtlb(child, size.ttlbRuns, size.ttlbPerRun);
  const M = results.metrics;
  const how = "one at a time, each on a new connection, request start -> last byte";
  M[`${prefix}ttlb.chain`] = metric(
    "ms",
    `short answer through the chain as a user's curl sees it (${how}) [${runtime}]`,
    summarize(t.chainMs),
  );
  M[`${prefix}ttlb.stub`] = metric(
    "ms",
    `the same answer from the Gemini stub alone (${how}) [${runtime}]`,
    summarize(t.stubMs),
  );
  M[`${prefix}ttlb.added`] = metric(
    "ms",
    `chain minus stub alone (paired: percentiles of per-request differences) [${runtime}]`,
    pairedDifference(t.chainMs, t.stubMs),
  );
}

async function recordThroughput(
  child: StackChild,
  results: BenchResults,
  samples: BenchSamples,
  size: Sizes,
  { prefix, runtime, name }: BenchConfiguration,
  log: Log,
) {
  const M = results.metrics;
  const { levels, skipped } = await measureThroughput(
    child,
    size.levels,
    size.throughputRuns,
    size.durationSec,
    log,
    { wontRun: (c) => wontFit(runtime, child.pid, c), warmupPieceDelayMs: size.warmupPieceDelayMs },
  );
  for (const { concurrency, why } of skipped)
    results.notes.push(`Throughput at concurrency ${concurrency} [${runtime}] not measured: ${why}.`);
  for (const level of levels) {
    const c = level.concurrency;
    samples.throughput.push({
      configuration: name,
      concurrency: c,
      chatsPerSecond: level.chatsPerSecond,
      errors: level.errors,
      non2xx: level.non2xx,
    });
    M[`${prefix}throughput.c${c}`] = metric(
      "chats/s",
      `completed short streamed chats per second, ${c} concurrent [${runtime}]`,
      summarize(each(level.chatsPerSecond)),
    );
    const latency = summarize(level.latencyMs);
    if (latency.samples > 0) {
      M[`${prefix}throughput.c${c}.latency`] = metric(
        "ms",
        `per-chat latency at ${c} concurrent (autocannon) [${runtime}]`,
        latency,
      );
    } else {
      results.notes.push(
        `No chat completed at concurrency ${c} [${runtime}]: no latency figure for that level.`,
      );
    }
    M[`${prefix}memory.load.c${c}`] = metric(
      "MB",
      `peak memory of the stack and its containers during the c=${c} runs [${runtime}]`,
      summarize(each(level.peakRssMb)),
    );
    const cpu = level.cpuPerChatMs;
    for (const [part, ms, what] of [
      [
        "stack",
        cpu.stack,
        "the stack process (CloudFront, Function URL, Cognito, SSM, stub; worker containers)",
      ],
      ["containers", cpu.containers, "the `ric` container processes"],
      ["client", cpu.client, "the load generator (this process)"],
    ] as const) {
      M[`${prefix}cpu.c${c}.${part}`] = metric(
        "ms",
        `CPU time per completed chat at ${c} concurrent: ${what} [${runtime}]`,
        summarize([[ms]]),
      );
    }
    results.counts[`${prefix}throughput.c${c}.errors`] = level.errors;
    results.counts[`${prefix}throughput.c${c}.non2xx`] = level.non2xx;
    results.counts[`${prefix}throughput.c${c}.completed`] = level.completed;
  }
}

async function recordStreams(
  child: StackChild,
  results: BenchResults,
  size: Sizes,
  { prefix, runtime }: BenchConfiguration,
) {
  const why = wontFit(runtime, child.pid, size.streams);
  if (why) {
    results.notes.push(`${size.streams} concurrent streams [${runtime}] not measured: ${why}.`);
  } else {
    const streams = await measureConcurrentStreams(child, size.streams, size.streamRounds);
    recordStreamCounts(results, streams, prefix, runtime);
  }
  results.metrics[`${prefix}memory.idleAfterLoad`] = metric(
    "MB",
    `memory of the stack and its containers once the load is over (warm containers kept) [${runtime}]`,
    summarize([[child.memoryMb()]]),
  );
}

function recordStreamCounts(
  results: BenchResults,
  streams: Awaited<ReturnType<typeof measureConcurrentStreams>>,
  prefix: string,
  runtime: string,
) {
  const n = streams.concurrent;
  results.metrics[`${prefix}memory.streams${n}`] = metric(
    "MB",
    `peak memory of the stack and its containers with ${n} concurrent 1 s streams [${runtime}]`,
    summarize(each(streams.peakRssMb)),
  );
  results.counts[`${prefix}memory.streams${n}.errors`] = streams.errors;
  for (const [reason, count] of Object.entries(streams.errorReasons)) {
    results.counts[`${prefix}memory.streams${n}.error: ${reason}`] = count;
  }
}

export async function recordSuite(results: BenchResults, log: Log) {
  log("7. suite time (npm test, contract tests)");
  const suite = await measureSuite(log);
  const what: Record<string, string> = {
    npmTest: "wall time of `npm test` (Vitest with coverage, then the contract step)",
    npmTestCpu: "user + system CPU time `npm test` and everything it started used",
    contracts: "wall time of the contract step alone (`npm run contracts`)",
  };
  for (const [name, values] of Object.entries(suite)) {
    if (values.length > 0)
      results.metrics[`suite.${name}`] = metric("ms", what[name] ?? name, summarize(each(values)));
  }
}
