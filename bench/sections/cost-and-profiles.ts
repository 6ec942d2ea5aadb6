/**
 * Case 5 as metrics: the cost centres (once: they do not depend on the container runtime) and CPU
 * profiles of case 2's chats, the chain's main thread for each configuration and the direct path once.
 * Under `worker` the handler runs in worker threads, under `ric` in child processes: neither is in
 * the main thread's profile.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { measureCostCentres } from "../cases/cost-centres.js";
import { type ChainBench, repeatChats } from "../cases/paired-chain.js";
import { type ChatResult, chatRequest, postChat } from "../chat-client.js";
import type { BenchConfiguration } from "../configurations.js";
import { profile } from "../cpu-profile.js";
import { each, metric } from "../metrics.js";
import type { BenchResults } from "../report.js";
import type { Sizes } from "../sizes.js";
import { summarize } from "../stats.js";

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

export async function recordCost(bench: ChainBench, results: BenchResults, size: Sizes) {
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

/** Profiles `chats` in a folder of its own (kept in `keepIn` when given); a note when it cannot. */
async function profileInto(
  results: BenchResults,
  name: string,
  file: string,
  chats: () => Promise<void>,
  keepIn?: string,
): Promise<void> {
  const profileDir = keepIn ?? mkdtempSync(path.join(os.tmpdir(), "chatbot-bench-profiles-"));
  mkdirSync(profileDir, { recursive: true });
  // A profile is a summary aid: if the inspector is unavailable (e.g. taken by a coverage run), note it.
  try {
    results.profiles[name] = await profile(chats, path.join(profileDir, file));
  } catch (error) {
    results.notes.push(`CPU profile not taken: ${(error as Error).message}`);
  }
  if (!keepIn) rmSync(profileDir, { recursive: true, force: true });
}

export async function profileChain(
  bench: ChainBench,
  results: BenchResults,
  size: Sizes,
  { name, runtime }: BenchConfiguration,
  keepIn?: string,
): Promise<void> {
  const chat = shortChat(bench);
  const chats = (): Promise<void> =>
    repeatChats(size.profileChats, (): Promise<ChatResult> => postChat(bench.stack.endpoint, chat));
  await profileInto(
    results,
    `chain [${runtime}] (main thread: CloudFront, Function URL, Cognito, stub, client)`,
    name === "default" ? "chain.cpuprofile" : `chain-${name}.cpuprofile`,
    chats,
    keepIn,
  );
}

export async function recordDirectProfile(
  bench: ChainBench,
  results: BenchResults,
  size: Sizes,
  keepIn?: string,
): Promise<void> {
  const chat = shortChat(bench);
  await profileInto(
    results,
    "direct (handler in-process, stub, client)",
    "direct.cpuprofile",
    () => repeatChats(size.profileChats, () => bench.direct.invoke(chat)),
    keepIn,
  );
}
