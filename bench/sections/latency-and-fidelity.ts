/**
 * Cases 2, 3 and 5 as metrics, in one process on one clock: chain overhead (paired with the direct
 * call), streaming fidelity, memory per warm container of the real handler, cost centres and CPU
 * profiles.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { measureContainerMemory } from "../cases/container-memory.js";
import { measureCostCentres } from "../cases/cost-centres.js";
import {
  type ChainBench,
  measureFidelity,
  measureOverhead,
  repeatChats,
  startChainBench,
} from "../cases/paired-chain.js";
import { chatRequest, keepAliveAgent, postChat } from "../chat-client.js";
import { profile } from "../cpu-profile.js";
import { each, metric } from "../metrics.js";
import type { BenchResults } from "../report.js";
import { type BenchSamples, representative, thin } from "../samples.js";
import type { Sizes } from "../sizes.js";
import { pairedDifference, summarize } from "../stats.js";

type Log = (line: string) => void;

const PAIRED = "paired: percentiles of per-request differences";

export async function recordChain(
  results: BenchResults,
  samples: BenchSamples,
  size: Sizes,
  options: { log: Log; profileDir?: string },
): Promise<void> {
  options.log("2-3. chain overhead and streaming fidelity (in-process, one clock)");
  const bench = await startChainBench();
  try {
    await recordOverhead(bench, results, samples, size);
    await recordFidelity(bench, results, samples, size);
    options.log("5. cost centres and CPU profiles of case 2");
    await recordCost(bench, results, size);
    await recordProfiles(bench, results, size, options.profileDir);
    // Last: its concurrent chats leave idle keep-alive sockets and warm containers behind.
    options.log("4b. memory per warm container, real handler");
    const mem = await measureContainerMemory(bench, size.memoryContainers);
    results.metrics["memory.perContainer"] = metric(
      "MB",
      `RSS a warm container of the real handler adds (${mem.containers} started at once, worker runtime)`,
      summarize([[mem.perContainerMb]]),
    );
  } finally {
    await bench.close();
    keepAliveAgent.destroy();
  }
}

async function recordOverhead(bench: ChainBench, results: BenchResults, samples: BenchSamples, size: Sizes) {
  const M = results.metrics;
  const ov = await measureOverhead(bench, size.overheadRuns, size.overheadPerRun, size.warmup);
  samples.latency = { chainMs: thin(ov.chainTotalMs.flat()), directMs: thin(ov.directTotalMs.flat()) };
  M["chain.total"] = metric(
    "ms",
    "short answer through CloudFront -> OAC -> Function URL -> handler",
    summarize(ov.chainTotalMs),
  );
  M["direct.total"] = metric(
    "ms",
    "same answer, handler invoked directly in-process",
    summarize(ov.directTotalMs),
  );
  M["functionUrl.total"] = metric(
    "ms",
    "same answer, OAC-signed request straight to the Function URL",
    summarize(ov.functionUrlTotalMs),
  );
  M["functionUrl.added"] = metric(
    "ms",
    `Function URL's share: Function URL minus direct (${PAIRED})`,
    pairedDifference(ov.functionUrlTotalMs, ov.directTotalMs),
  );
  M["cloudfront.added"] = metric(
    "ms",
    `CloudFront's share (incl. OAC signing): chain minus Function URL (${PAIRED})`,
    pairedDifference(ov.chainTotalMs, ov.functionUrlTotalMs),
  );
  M["chain.added"] = metric(
    "ms",
    `chain minus direct (${PAIRED})`,
    pairedDifference(ov.chainTotalMs, ov.directTotalMs),
  );
  M["chain.ttfb"] = metric(
    "ms",
    "request sent -> first chunk event, through the chain",
    summarize(ov.chainTtfbMs),
  );
  M["direct.ttfb"] = metric("ms", "call -> first chunk event, direct", summarize(ov.directTtfbMs));
  M["chain.ttfbAdded"] = metric(
    "ms",
    `time to first chunk added by the chain (${PAIRED})`,
    pairedDifference(ov.chainTtfbMs, ov.directTtfbMs),
  );
}

async function recordFidelity(bench: ChainBench, results: BenchResults, samples: BenchSamples, size: Sizes) {
  const M = results.metrics;
  const fi = await measureFidelity(
    bench,
    size.fidelityRuns,
    size.fidelityPerRun,
    size.pieces,
    size.pieceDelayMs,
  );
  samples.chunkTimeline = {
    pieces: fi.pieces,
    delayMs: fi.delayMs,
    chain: representative(fi.chainTimelines),
    direct: representative(fi.directTimelines),
  };
  const pace = `${fi.pieces} pieces every ${fi.delayMs} ms`;
  M["fidelity.chain.perChunk"] = metric(
    "ms",
    `piece leaves stub -> chunk reaches client, chain (${pace})`,
    summarize(fi.chainDelayMs),
  );
  M["fidelity.direct.perChunk"] = metric(
    "ms",
    `piece leaves stub -> chunk out of the handler, direct (${pace})`,
    summarize(fi.directDelayMs),
  );
  M["fidelity.addedPerChunk"] = metric(
    "ms",
    `per-chunk delay added by the chain (paired: piece k of a chain chat minus piece k of the direct chat next to it)`,
    summarize(fi.addedDelayMs),
  );
  M["fidelity.chain.ttfb"] = metric(
    "ms",
    `request -> first chunk, chain (${pace})`,
    summarize(fi.chainTtfbMs),
  );
  M["fidelity.ttfbAdded"] = metric(
    "ms",
    `time to first chunk added by the chain, paced answer (${PAIRED})`,
    pairedDifference(fi.chainTtfbMs, fi.directTtfbMs),
  );
  results.counts["fidelity.unmatchedChats"] = fi.unmatched;
}

/** The short answer of case 2, as the cost centres and the profiles replay it. */
function shortChat(bench: ChainBench) {
  return chatRequest(
    { ...SAMPLE_REQUEST, query: "Why is it slow? [[stub:paced pieces=3 delayMs=0]]" },
    bench.idToken,
  );
}

const COST_CENTRES: [string, string, keyof Awaited<ReturnType<typeof measureCostCentres>>][] = [
  ["cost.jwtVerify", "handler authenticator: ID token verify, JWKS cache warm", "jwtVerifyUs"],
  ["cost.sigv4Sign", "CloudFront OAC: SigV4 sign of the origin request", "sigv4SignUs"],
  ["cost.sigv4Verify", "Function URL: SigV4 verify incl. body hash check", "sigv4VerifyUs"],
  [
    "cost.cloudfrontFunction",
    "CloudFront: viewer-request function as the emulator runs it",
    "cloudfrontFunctionUs",
  ],
  ["cost.vmFreshContext", "bare node:vm: fresh context + the function file, no timeout", "vmFreshContextUs"],
  [
    "cost.vmFreshContextTimeout",
    "bare node:vm as above with timeout (a watchdog thread per call)",
    "vmFreshContextTimeoutUs",
  ],
  ["cost.eventBuild", "Function URL: payload 2.0 event build", "eventBuildUs"],
];

async function recordCost(bench: ChainBench, results: BenchResults, size: Sizes) {
  const cost = await measureCostCentres(
    bench.stack.config,
    shortChat(bench),
    size.costBatches,
    size.costBatchSize,
  );
  for (const [name, description, key] of COST_CENTRES) {
    results.metrics[name] = metric("us", description, summarize(each(cost[key])));
  }
}

async function recordProfiles(bench: ChainBench, results: BenchResults, size: Sizes, keepIn?: string) {
  const chat = shortChat(bench);
  const profileDir = keepIn ?? mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-profiles-"));
  mkdirSync(profileDir, { recursive: true });
  // A profile is a summary aid: if the inspector is unavailable (e.g. taken by a coverage run), note it.
  try {
    results.profiles["chain (main thread: CloudFront, Function URL, Cognito, stub, client)"] = await profile(
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
  if (!keepIn) rmSync(profileDir, { recursive: true, force: true });
}
