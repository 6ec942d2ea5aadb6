/**
 * Case 4b (as the bench prints it, bench/sections/latency-and-fidelity.ts): resident memory one more warm container of the REAL handler adds (its SDKs, its source map,
 * its caches). `n` chats held open at once make the pool start containers; then:
 * - `worker`: the growth of this process's RSS divided by the containers started (they are threads);
 * - `ric`: each new container process's anonymous memory (`RssAnon`: what one more costs the machine;
 *   the Node binary's pages are shared by all of them, process-stats.ts), and its whole RSS apart.
 * The minimal handler of `runtime.*` shows the runtime's own share; this one shows what a user of the
 * emulator pays per concurrent chat. Run after case 2, so the handler is compiled and one container
 * is warm: the figure is the marginal cost of one more, not the first one's set-up.
 */
import type { ContainerRuntime } from "../../emulator/function-url/containers/execution-environment.js";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { chatRequest, postChat } from "../chat-client.js";
import { residentMemory, ricContainers } from "../process-stats.js";
import type { ChainBench } from "./paired-chain.js";

export interface ContainerMemory {
  containers: number;
  /** What one more container adds (worker: RSS growth per container; ric: mean anonymous memory). */
  perContainerMb: number;
  /** `ric` only: the mean whole RSS of a container process, shared pages included. */
  rssPerContainerMb?: number;
}

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);

export async function measureContainerMemory(
  bench: ChainBench,
  runtime: ContainerRuntime,
  n: number,
): Promise<ContainerMemory> {
  const pool = bench.stack.functionUrl;
  if (!pool) throw new Error("the chain bench has no Function URL");
  // Each chat holds its container for about a second (3 pieces, 300 ms apart).
  const chat = chatRequest(
    { ...SAMPLE_REQUEST, query: "Hold on. [[stub:paced pieces=3 delayMs=300]]" },
    bench.idToken,
  );
  // Warm containers left by earlier cases serve some chats; `n` more than those start new ones.
  const liveBefore = pool.stats().liveContainers;
  const concurrent = liveBefore + n;
  const processesBefore = new Set(ricContainers());
  const before = residentMemory("self").rssMb;
  const answers = await Promise.all(
    Array.from({ length: concurrent }, () => postChat(bench.stack.endpoint, chat)),
  );
  const failed = answers.filter((a) => a.status !== 200 || !a.done).length;
  if (failed > 0) throw new Error(`container memory: ${failed} of ${concurrent} chats failed`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = pool.stats().liveContainers - liveBefore;
  if (started < 1) throw new Error(`container memory: no new container among ${concurrent} concurrent chats`);
  if (runtime === "worker") {
    return { containers: started, perContainerMb: (residentMemory("self").rssMb - before) / started };
  }
  const fresh = ricContainers()
    .filter((pid) => !processesBefore.has(pid))
    .map((pid) => residentMemory(pid))
    .filter((m) => Number.isFinite(m.rssMb));
  if (fresh.length === 0) throw new Error("container memory: no new ric container process found");
  return {
    containers: fresh.length,
    perContainerMb: mean(fresh.map((m) => m.anonMb)),
    rssPerContainerMb: mean(fresh.map((m) => m.rssMb)),
  };
}
