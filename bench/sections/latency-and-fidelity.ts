/**
 * Cases 2, 3 and 5 as metrics, in one process on one clock, for each configuration (the one `npm
 * start` runs first): chain overhead (paired with the direct call), streaming fidelity, memory per
 * warm container of the real handler, a CPU profile of the chain; then, once, the cost centres and the
 * direct path's profile (cost-and-profiles.ts).
 */
import { measureContainerMemory } from "../cases/container-memory.js";
import { type ChainBench, measureFidelity, measureOverhead, startChainBench } from "../cases/paired-chain.js";
import { keepAliveAgent } from "../chat-client.js";
import type { BenchConfiguration } from "../configurations.js";
import { metric } from "../metrics.js";
import type { BenchResults } from "../report.js";
import { type BenchSamples, representative, thin } from "../samples.js";
import type { Sizes } from "../sizes.js";
import { pairedDifference, summarize } from "../stats.js";
import { profileChain, recordCost, recordDirectProfile } from "./cost-and-profiles.js";

type Log = (line: string) => void;

const PAIRED = "paired: percentiles of per-request differences";

export async function recordChain(
  results: BenchResults,
  samples: BenchSamples,
  size: Sizes,
  options: { log: Log; profileDir?: string; configurations: readonly BenchConfiguration[] },
): Promise<void> {
  for (const [i, configuration] of options.configurations.entries()) {
    const first = i === 0;
    options.log(
      `2-3. chain overhead and streaming fidelity, ${configuration.name} (${configuration.runtime})`,
    );
    const bench = await startChainBench(configuration);
    try {
      await recordOverhead(bench, results, first ? samples : undefined, size, configuration);
      await recordFidelity(bench, results, first ? samples : undefined, size, configuration);
      if (first) {
        options.log("5. cost centres and CPU profiles of case 2");
        await recordCost(bench, results, size);
        await recordDirectProfile(bench, results, size, options.profileDir);
      }
      await profileChain(bench, results, size, configuration, options.profileDir);
      // Last: its concurrent chats leave idle keep-alive sockets and warm containers behind.
      options.log(`4b. memory per warm container, real handler, ${configuration.runtime}`);
      await recordContainerMemory(bench, results, size, configuration);
    } finally {
      await bench.close();
      keepAliveAgent.destroy();
    }
  }
}

async function recordContainerMemory(
  bench: ChainBench,
  results: BenchResults,
  size: Sizes,
  configuration: BenchConfiguration,
): Promise<void> {
  const { prefix, runtime } = configuration;
  const mem = await measureContainerMemory(bench, runtime, size.memoryContainers);
  const what =
    runtime === "ric"
      ? "anonymous memory of each new container process (its heap, stacks and code; the Node binary's pages are shared)"
      : "the emulator's RSS growth divided by the containers started";
  results.metrics[`${prefix}memory.perContainer`] = metric(
    "MB",
    `RSS a warm container of the real handler adds: ${what} (${mem.containers} started at once) [${runtime}]`,
    summarize([[mem.perContainerMb]]),
  );
  if (mem.rssPerContainerMb !== undefined)
    results.metrics[`${prefix}memory.perContainer.rss`] = metric(
      "MB",
      `whole RSS of each new container process, the shared Node binary included [${runtime}]`,
      summarize([[mem.rssPerContainerMb]]),
    );
}

async function recordOverhead(
  bench: ChainBench,
  results: BenchResults,
  samples: BenchSamples | undefined,
  size: Sizes,
  { prefix, runtime }: BenchConfiguration,
) {
  const M = results.metrics;
  const ov = await measureOverhead(bench, size.overheadRuns, size.overheadPerRun, size.warmup);
  if (samples)
    samples.latency = { chainMs: thin(ov.chainTotalMs.flat()), directMs: thin(ov.directTotalMs.flat()) };
  const put = (name: string, description: string, summary: ReturnType<typeof summarize>) => {
    M[`${prefix}${name}`] = metric("ms", `${description} [${runtime}]`, summary);
  };
  put(
    "chain.total",
    "short answer through CloudFront -> OAC -> Function URL -> handler",
    summarize(ov.chainTotalMs),
  );
  put("direct.total", "same answer, handler invoked directly in-process", summarize(ov.directTotalMs));
  put(
    "functionUrl.total",
    "same answer, OAC-signed request straight to the Function URL",
    summarize(ov.functionUrlTotalMs),
  );
  put(
    "functionUrl.added",
    `Function URL's share: Function URL minus direct (${PAIRED})`,
    pairedDifference(ov.functionUrlTotalMs, ov.directTotalMs),
  );
  put(
    "cloudfront.added",
    `CloudFront's share (incl. OAC signing): chain minus Function URL (${PAIRED})`,
    pairedDifference(ov.chainTotalMs, ov.functionUrlTotalMs),
  );
  put("chain.added", `chain minus direct (${PAIRED})`, pairedDifference(ov.chainTotalMs, ov.directTotalMs));
  put("chain.ttfb", "request sent -> first chunk event, through the chain", summarize(ov.chainTtfbMs));
  put("direct.ttfb", "call -> first chunk event, direct", summarize(ov.directTtfbMs));
  put(
    "chain.ttfbAdded",
    `time to first chunk added by the chain (${PAIRED})`,
    pairedDifference(ov.chainTtfbMs, ov.directTtfbMs),
  );
}

async function recordFidelity(
  bench: ChainBench,
  results: BenchResults,
  samples: BenchSamples | undefined,
  size: Sizes,
  { prefix, runtime }: BenchConfiguration,
) {
  const fi = await measureFidelity(
    bench,
    size.fidelityRuns,
    size.fidelityPerRun,
    size.pieces,
    size.pieceDelayMs,
  );
  if (samples)
    samples.chunkTimeline = {
      pieces: fi.pieces,
      delayMs: fi.delayMs,
      chain: representative(fi.chainTimelines),
      direct: representative(fi.directTimelines),
    };
  const pace = `${fi.pieces} pieces every ${fi.delayMs} ms`;
  const put = (name: string, description: string, summary: ReturnType<typeof summarize>) => {
    results.metrics[`${prefix}${name}`] = metric("ms", `${description} [${runtime}]`, summary);
  };
  put(
    "fidelity.chain.perChunk",
    `piece leaves stub -> chunk reaches client, chain (${pace})`,
    summarize(fi.chainDelayMs),
  );
  put(
    "fidelity.direct.perChunk",
    `piece leaves stub -> chunk out of the handler, direct (${pace})`,
    summarize(fi.directDelayMs),
  );
  put(
    "fidelity.addedPerChunk",
    "per-chunk delay added by the chain (paired: piece k of a chain chat minus piece k of the direct chat next to it)",
    summarize(fi.addedDelayMs),
  );
  put("fidelity.chain.ttfb", `request -> first chunk, chain (${pace})`, summarize(fi.chainTtfbMs));
  put(
    "fidelity.ttfbAdded",
    `time to first chunk added by the chain, paced answer (${PAIRED})`,
    pairedDifference(fi.chainTtfbMs, fi.directTtfbMs),
  );
  results.counts[`${prefix}fidelity.unmatchedChats`] = fi.unmatched;
}
