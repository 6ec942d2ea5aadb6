/**
 * `npm run bench`: how fast and how faithful the offline twin is, measured on loopback.
 *
 *   npm run bench                    full run (a few minutes on 2 cores), results in a temp folder
 *   npm run bench -- --save          the same, and writes the tracked bench/results.{json,md}
 *   npm run bench -- --smoke         tiny sizes, seconds (also BENCH_SMOKE=1); used by bench.test.ts
 *   npm run bench -- --suite         also times `npm test` and the contract tests (takes minutes)
 *   npm run bench -- --out DIR       write the results to DIR
 *
 * Besides results.{json,md} it writes results.samples.json (the bounded raw samples) and three SVG
 * charts rendered from them: latency.svg, throughput.svg, chunk-timeline.svg.
 *   npm run bench -- --profile-dir DIR   keep the .cpuprofile files there
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { exitWithUsageError, parseCommandLine } from "../emulator/cli/command-line.js";
import { SAMPLE_REQUEST } from "../emulator/stack/sample-request.js";
import { measureFidelity, measureOverhead, repeatChats, startChainBench } from "./cases/chain.js";
import { measureContainerStart } from "./cases/container-start.js";
import { measureCostCentres } from "./cases/cost-centres.js";
import { measureRuntime } from "./cases/runtimes.js";
import { measureStartup } from "./cases/startup.js";
import { measureSuite } from "./cases/suite.js";
import { measureConcurrentStreams, measureThroughput } from "./cases/throughput.js";
import { CHART_FILES, type ChartName, chartsMarkdown, writeCharts } from "./charts/render.js";
import { chatRequest, keepAliveAgent, postChat } from "./chat-client.js";
import { profile } from "./cpu-profile.js";
import { type BenchResults, type Metric, renderMarkdown, type TargetCheck } from "./report.js";
import { type BenchSamples, representative, thin } from "./samples.js";
import { startStackChild } from "./stack-child.js";
import { difference, type Summary, summarize } from "./stats.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface BenchOptions {
  smoke: boolean;
  suite: boolean;
  outDir: string;
  profileDir?: string;
  log: (line: string) => void;
}

/** Sizes: the full run is bounded to a few minutes on 2 cores; the smoke run to seconds. */
function sizes(smoke: boolean) {
  return smoke
    ? {
        startupRuns: 1,
        containerRuns: 1,
        warmup: 2,
        overheadRuns: 2,
        overheadPerRun: 3,
        fidelityRuns: 2,
        fidelityPerRun: 2,
        pieces: 3,
        pieceDelayMs: 5,
        profileChats: 3,
        costBatches: 2,
        costBatchSize: 5,
        levels: [1, 4],
        throughputRuns: 2,
        durationSec: 1,
        streams: 4,
        streamRounds: 1,
        runtime: { coldRuns: 1, containers: 2, chunks: 3, chunkDelayMs: 10 },
      }
    : {
        startupRuns: 5,
        containerRuns: 3,
        warmup: 20,
        overheadRuns: 5,
        overheadPerRun: 60,
        fidelityRuns: 3,
        fidelityPerRun: 10,
        pieces: 10,
        pieceDelayMs: 20,
        profileChats: 100,
        costBatches: 40,
        costBatchSize: 50,
        levels: [1, 10, 50, 200],
        throughputRuns: 3,
        durationSec: 5,
        streams: 200,
        streamRounds: 2,
        runtime: { coldRuns: 5, containers: 4, chunks: 20, chunkDelayMs: 20 },
      };
}

/** Samples that are each a whole run of their own (a start, a batch, a load run). */
function each(values: readonly number[]): number[][] {
  return values.map((v) => [v]);
}

function metric(unit: Metric["unit"], description: string, summary: Summary): Metric {
  return { unit, description, ...summary };
}

/** What one run produces: the summarised results and the bounded raw samples behind the charts. */
export interface BenchRun {
  results: BenchResults;
  samples: BenchSamples;
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const { log } = options;
  const size = sizes(options.smoke);
  const started = performance.now();
  const cpus = os.cpus();
  const results: BenchResults = {
    schemaVersion: 1,
    mode: options.smoke ? "smoke" : "full",
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
      nodeVersion: process.version,
      platform: process.platform,
      arch: process.arch,
      loadAverageAtStart: os.loadavg()[0] ?? 0,
      date: new Date().toISOString(),
    },
    durationMs: 0,
    metrics: {},
    counts: {},
    profiles: {},
    targets: [],
    notes: [],
  };
  const M = results.metrics;
  const samples: BenchSamples = {
    schemaVersion: 1,
    mode: results.mode,
    latency: { chainMs: [], directMs: [] },
    throughput: [],
    chunkTimeline: { pieces: 0, delayMs: 0, chain: [], direct: [] },
  };

  log("1. start-up (cold and warm) and idle memory");
  const st = await measureStartup(size.startupRuns, log);
  M["startup.cold"] = metric(
    "ms",
    "spawn -> every service healthy, empty state folder",
    summarize(each(st.coldSpawnToReadyMs)),
  );
  M["startup.warm"] = metric(
    "ms",
    "spawn -> every service healthy, state folder kept",
    summarize(each(st.warmSpawnToReadyMs)),
  );
  M["startup.cold.inProcess"] = metric(
    "ms",
    "process time origin -> healthy (cold; excludes Node/tsx boot)",
    summarize(each(st.coldInProcessReadyMs)),
  );
  M["startup.warm.inProcess"] = metric(
    "ms",
    "process time origin -> healthy (warm; excludes Node/tsx boot)",
    summarize(each(st.warmInProcessReadyMs)),
  );
  M["startup.warm.boot"] = metric(
    "ms",
    "warm: Node + tsx + imports, before config loading starts",
    summarize(each(st.warmBootMs)),
  );
  M["startup.warm.config"] = metric(
    "ms",
    "warm: loadStackConfig (defaults + Terraform + env)",
    summarize(each(st.warmConfigMs)),
  );
  M["startup.warm.services"] = metric(
    "ms",
    "warm: startStack (four services listening and healthy)",
    summarize(each(st.warmServicesMs)),
  );
  M["startup.firstAnswer"] = metric(
    "ms",
    "ready -> first short answer complete (function cold start)",
    summarize(each(st.firstAnswerMs)),
  );
  M["memory.idle"] = metric(
    "MB",
    "RSS of the whole stack process, started and idle",
    summarize(each(st.idleRssMb)),
  );

  log("1b. function cold start: handler source (tsx) vs bundle");
  const cs = await measureContainerStart(size.containerRuns);
  M["container.coldStart.source"] = metric(
    "ms",
    "first answer on a fresh stack, handler source through tsx (npm start default)",
    summarize(each(cs.sourceMs)),
  );
  if (cs.bundleMs.length > 0) {
    M["container.coldStart.bundle"] = metric(
      "ms",
      "first answer on a fresh stack, esbuild bundle (HANDLER_USE_BUNDLE=1)",
      summarize(each(cs.bundleMs)),
    );
  }
  if (cs.skipped) results.notes.push(`Bundle cold start not measured: ${cs.skipped}.`);

  log("1c. container runtimes: worker vs ric (cold start, memory per container, per-chunk delay)");
  for (const runtime of ["worker", "ric"] as const) {
    const rt = await measureRuntime(runtime, size.runtime);
    M[`runtime.${runtime}.coldStart`] = metric(
      "ms",
      `${runtime}: fresh container's first short answer, request -> last byte`,
      summarize(each(rt.coldStartMs)),
    );
    M[`runtime.${runtime}.initDuration`] = metric(
      "ms",
      `${runtime}: Init Duration of a fresh container (REPORT line)`,
      summarize(each(rt.initDurationMs)),
    );
    M[`runtime.${runtime}.rssPerContainer`] = metric(
      "MB",
      `${runtime}: resident memory a warm container adds`,
      summarize(each(rt.rssPerContainerMb)),
    );
    M[`runtime.${runtime}.perChunk`] = metric(
      "ms",
      `${runtime}: chunk written in the handler -> received by the client`,
      summarize([rt.perChunkMs]),
    );
  }

  log("2-3. chain overhead and streaming fidelity (in-process, one clock)");
  const bench = await startChainBench();
  try {
    const ov = await measureOverhead(bench, size.overheadRuns, size.overheadPerRun, size.warmup);
    const chainTotal = summarize(ov.chainTotalMs);
    samples.latency = { chainMs: thin(ov.chainTotalMs.flat()), directMs: thin(ov.directTotalMs.flat()) };
    const directTotal = summarize(ov.directTotalMs);
    M["chain.total"] = metric(
      "ms",
      "short answer through CloudFront -> OAC -> Function URL -> handler",
      chainTotal,
    );
    M["direct.total"] = metric("ms", "same answer, handler invoked directly in-process", directTotal);
    const urlTotal = summarize(ov.functionUrlTotalMs);
    M["functionUrl.total"] = metric(
      "ms",
      "same answer, OAC-signed request straight to the Function URL",
      urlTotal,
    );
    M["functionUrl.added"] = metric(
      "ms",
      "Function URL's share: Function URL minus direct",
      difference(urlTotal, directTotal),
    );
    M["cloudfront.added"] = metric(
      "ms",
      "CloudFront's share (incl. OAC signing): chain minus Function URL",
      difference(chainTotal, urlTotal),
    );
    M["chain.added"] = metric(
      "ms",
      "chain minus direct, percentile by percentile",
      difference(chainTotal, directTotal),
    );
    const chainTtfb = summarize(ov.chainTtfbMs);
    const directTtfb = summarize(ov.directTtfbMs);
    M["chain.ttfb"] = metric("ms", "request sent -> first chunk event, through the chain", chainTtfb);
    M["direct.ttfb"] = metric("ms", "call -> first chunk event, direct", directTtfb);
    M["chain.ttfbAdded"] = metric(
      "ms",
      "time to first chunk added by the chain",
      difference(chainTtfb, directTtfb),
    );

    const fi = await measureFidelity(
      bench,
      size.fidelityRuns,
      size.fidelityPerRun,
      size.pieces,
      size.pieceDelayMs,
    );
    const chainDelay = summarize(fi.chainDelayMs);
    samples.chunkTimeline = {
      pieces: fi.pieces,
      delayMs: fi.delayMs,
      chain: representative(fi.chainTimelines),
      direct: representative(fi.directTimelines),
    };
    const directDelay = summarize(fi.directDelayMs);
    const pace = `${fi.pieces} pieces every ${fi.delayMs} ms`;
    M["fidelity.chain.perChunk"] = metric(
      "ms",
      `piece leaves stub -> chunk reaches client, chain (${pace})`,
      chainDelay,
    );
    M["fidelity.direct.perChunk"] = metric(
      "ms",
      `piece leaves stub -> chunk out of the handler, direct (${pace})`,
      directDelay,
    );
    M["fidelity.addedPerChunk"] = metric(
      "ms",
      "per-chunk delay added by the chain",
      difference(chainDelay, directDelay),
    );
    const fChainTtfb = summarize(fi.chainTtfbMs);
    M["fidelity.chain.ttfb"] = metric("ms", `request -> first chunk, chain (${pace})`, fChainTtfb);
    M["fidelity.ttfbAdded"] = metric(
      "ms",
      "time to first chunk added by the chain, paced answer",
      difference(fChainTtfb, summarize(fi.directTtfbMs)),
    );
    results.counts["fidelity.unmatchedChats"] = fi.unmatched;

    log("5. cost centres and CPU profiles of case 2");
    const chat = chatRequest(
      { ...SAMPLE_REQUEST, query: "Why is it slow? [[stub:paced pieces=3 delayMs=0]]" },
      bench.idToken,
    );
    const cost = await measureCostCentres(bench.stack.config, chat, size.costBatches, size.costBatchSize);
    M["cost.jwtVerify"] = metric(
      "us",
      "handler authenticator: ID token verify, JWKS cache warm",
      summarize(each(cost.jwtVerifyUs)),
    );
    M["cost.sigv4Sign"] = metric(
      "us",
      "CloudFront OAC: SigV4 sign of the origin request",
      summarize(each(cost.sigv4SignUs)),
    );
    M["cost.sigv4Verify"] = metric(
      "us",
      "Function URL: SigV4 verify incl. body hash check",
      summarize(each(cost.sigv4VerifyUs)),
    );
    M["cost.cloudfrontFunction"] = metric(
      "us",
      "CloudFront: viewer-request function in a fresh vm context",
      summarize(each(cost.cloudfrontFunctionUs)),
    );
    M["cost.vmFreshContext"] = metric(
      "us",
      "bare node:vm: fresh context + the function file, no timeout",
      summarize(each(cost.vmFreshContextUs)),
    );
    M["cost.vmFreshContextTimeout"] = metric(
      "us",
      "bare node:vm as above with timeout (a watchdog thread per call)",
      summarize(each(cost.vmFreshContextTimeoutUs)),
    );
    M["cost.eventBuild"] = metric(
      "us",
      "Function URL: payload 2.0 event build",
      summarize(each(cost.eventBuildUs)),
    );

    const profileDir = options.profileDir ?? mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-profiles-"));
    mkdirSync(profileDir, { recursive: true });
    // A profile is a summary aid: if the inspector is unavailable (e.g. taken by a coverage run), note it.
    try {
      results.profiles["chain (main thread: CloudFront, Function URL, Cognito, stub, client)"] =
        await profile(
          () => repeatChats(size.profileChats, () => postChat(bench.stack.endpoint, chat)),
          path.join(profileDir, "chain.cpuprofile"),
        );
      results.profiles["direct (handler in-process, stub, client)"] = await profile(
        () => repeatChats(size.profileChats, () => bench.direct.invoke(chat)),
        path.join(profileDir, "direct.cpuprofile"),
      );
    } catch (error) {
      results.notes.push(`CPU profile not taken: ${(error as Error).message}`);
    }
    if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
  } finally {
    await bench.close();
    keepAliveAgent.destroy();
  }

  log("4 and 6. throughput and memory under load (stack in its own process)");
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-load-"));
  // The load cases measure the emulator's capacity with the light worker runtime: at 200 concurrent
  // streams, ric would start 200 Node processes (see runtime.ric.rssPerContainer).
  const child = await startStackChild({
    stateDir,
    overrides: { gemini: { pieceDelayMs: 0 }, functionUrl: { containerRuntime: "worker" } },
  });
  try {
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
    const streams = await measureConcurrentStreams(child, size.streams, size.streamRounds);
    M[`memory.streams${streams.concurrent}`] = metric(
      "MB",
      `peak RSS with ${streams.concurrent} concurrent 1 s streams`,
      summarize(each(streams.peakRssMb)),
    );
    results.counts[`memory.streams${streams.concurrent}.errors`] = streams.errors;
    for (const [reason, n] of Object.entries(streams.errorReasons)) {
      results.counts[`memory.streams${streams.concurrent}.error: ${reason}`] = n;
    }
    M["memory.idleAfterLoad"] = metric(
      "MB",
      "RSS once the load is over (warm containers kept)",
      summarize([[child.rssMb()]]),
    );
  } finally {
    await child.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }

  if (options.suite) {
    log("7. suite time (npm test, contract tests)");
    const suite = await measureSuite(log);
    for (const [name, samples] of Object.entries(suite)) {
      if (samples.length > 0)
        M[`suite.${name}`] = metric(
          "ms",
          `wall time of ${name === "npmTest" ? "`npm test`" : "the contract tests"}`,
          summarize(each(samples)),
        );
    }
  } else {
    results.notes.push("Suite time (case 7) not measured: run `npm run bench -- --suite` (takes minutes).");
  }

  results.targets = checkTargets(results);
  results.durationMs = performance.now() - started;
  return { results, samples };
}

function checkTargets(r: BenchResults): TargetCheck[] {
  const M = r.metrics;
  const checks: TargetCheck[] = [];
  const add = (name: string, target: string, measured: string, met: boolean) =>
    checks.push({ name, target, measured, met });
  const warm = M["startup.warm"];
  if (warm)
    add("stack ready, warm", "< 1500 ms (median)", `${warm.median.toFixed(0)} ms`, warm.median < 1500);
  const added = M["chain.added"];
  if (added) {
    add("added chain latency p50", "< 2 ms", `${added.median.toFixed(2)} ms`, added.median < 2);
    add("added chain latency p99", "< 10 ms", `${added.p99.toFixed(2)} ms`, added.p99 < 10);
  }
  const chunk = M["fidelity.addedPerChunk"];
  if (chunk) add("added per-chunk delay p99", "< 5 ms", `${chunk.p99.toFixed(2)} ms`, chunk.p99 < 5);
  const c50 = M["throughput.c50"];
  if (c50) {
    const errors = (r.counts["throughput.c50.errors"] ?? 0) + (r.counts["throughput.c50.non2xx"] ?? 0);
    add(
      "short chats/s at concurrency 50",
      ">= 500/s, 0 errors",
      `${c50.median.toFixed(0)}/s, ${errors} errors`,
      c50.median >= 500 && errors === 0,
    );
  }
  const idle = M["memory.idle"];
  if (idle) add("idle memory", "< 200 MB", `${idle.median.toFixed(0)} MB`, idle.median < 200);
  return checks;
}

export interface WrittenFiles {
  json: string;
  md: string;
  samples: string;
  charts: Record<ChartName, string>;
}

/** results.json, results.samples.json, the three SVG charts, and results.md linking them. */
export async function writeResults({ results, samples }: BenchRun, outDir: string): Promise<WrittenFiles> {
  mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, "results.json");
  const md = path.join(outDir, "results.md");
  const samplesFile = path.join(outDir, "results.samples.json");
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(samplesFile, `${JSON.stringify(samples)}\n`);
  const charts = await writeCharts(samples, outDir);
  writeFileSync(md, `${renderMarkdown(results)}\n${chartsMarkdown(CHART_FILES)}`);
  return { json, md, samples: samplesFile, charts };
}

const COMMAND = {
  command: "npm run bench --",
  summary:
    "Measures the offline twin on loopback: start-up, chain overhead, streaming fidelity, throughput,\n" +
    "cost centres, memory. Prints the results; writes the tracked bench/results.{json,md} only with --save.",
  usage: "[options]",
  options: {
    smoke: { type: "boolean", default: false, help: "tiny sizes, seconds (also BENCH_SMOKE=1)" },
    suite: { type: "boolean", default: false, help: "also time `npm test` and the contract tests (minutes)" },
    save: {
      type: "boolean",
      default: false,
      help: "write the tracked bench/results.{json,md}, samples and SVG charts",
    },
    out: {
      type: "string",
      value: "DIR",
      help: "write results.{json,md}, the samples and the SVG charts to DIR (default: a fresh temp folder)",
    },
    "profile-dir": { type: "string", value: "DIR", help: "keep the .cpuprofile files in DIR" },
  },
  epilog:
    "examples:\n  npm run bench -- --smoke\n  npm run bench -- --save        # refresh the published figures",
} as const;

async function main(): Promise<void> {
  const { values } = parseCommandLine(COMMAND);
  if (values.save && values.out)
    exitWithUsageError(COMMAND, "--save and --out both choose where to write; give one");
  const smoke = values.smoke || process.env.BENCH_SMOKE === "1";
  const outDir = values.save
    ? BENCH_DIR
    : path.resolve(values.out ?? mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-")));
  const options: BenchOptions = {
    smoke,
    suite: values.suite,
    outDir,
    profileDir: values["profile-dir"],
    log: (line) => process.stdout.write(`${line}\n`),
  };
  const run = await runBench(options);
  const files = await writeResults(run, options.outDir);
  process.stdout.write(
    `\n${renderMarkdown(run.results)}\nWrote ${files.json}, ${files.md}, ${files.samples} and\n  ${Object.values(files.charts).join("\n  ")}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
