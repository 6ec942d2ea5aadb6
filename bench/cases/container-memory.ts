/**
 * Case 4b (as the bench prints it, bench/sections/latency-and-fidelity.ts): resident memory a warm container
 * of the REAL handler adds (its SDKs, its source map, its caches), worker runtime. `n` chats held open at
 * once make the pool start containers; the growth of this process's RSS is divided by the containers that
 * were started. The minimal handler of `runtime.*.rssPerContainer` shows the runtime's own share; this one
 * shows what a user of the emulator pays per concurrent chat. Run after case 2, so the handler is compiled
 * and one container is warm: the figure is the marginal cost of one more, not the first one's set-up.
 */
import { readFileSync } from "node:fs";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { chatRequest, postChat } from "../chat-client.js";
import type { ChainBench } from "./paired-chain.js";

/** RSS of this process in MB, from /proc (Linux); `process.memoryUsage` elsewhere. */
function rssMb(): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage.rss() / 2 ** 20;
}

export interface ContainerMemory {
  containers: number;
  perContainerMb: number;
}

export async function measureContainerMemory(bench: ChainBench, n: number): Promise<ContainerMemory> {
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
  const before = rssMb();
  const answers = await Promise.all(
    Array.from({ length: concurrent }, () => postChat(bench.stack.endpoint, chat)),
  );
  const failed = answers.filter((a) => a.status !== 200 || !a.done).length;
  if (failed > 0) throw new Error(`container memory: ${failed} of ${concurrent} chats failed`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = pool.stats().liveContainers - liveBefore;
  if (started < 1) throw new Error(`container memory: no new container among ${concurrent} concurrent chats`);
  return { containers: started, perContainerMb: (rssMb() - before) / started };
}
