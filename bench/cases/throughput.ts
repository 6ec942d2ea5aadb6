/**
 * Case 4, throughput, and case 6 at load: completed streamed chats per second through the whole chain
 * at several concurrencies, with autocannon (a real load generator, in this process) against the stack
 * in its own process. The stub answers at once (no pacing), so the chain itself is what is loaded.
 * While it runs, the stack's resident memory is sampled every 100 ms.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import type { ChatRequest } from "../chat-client.js";
import { chatRequest, postChat } from "../chat-client.js";
import type { StackChild } from "../stack-child.js";

export interface LevelSamples {
  concurrency: number;
  /** Completed chats in each whole second of every run. */
  perSecond: number[][];
  /** Completed chats / run duration, one per run. */
  chatsPerSecond: number[];
  /** Per-request latency (request sent -> response complete), ms, every run. */
  latencyMs: number[][];
  errors: number;
  non2xx: number;
  completed: number;
  peakRssMb: number[];
}

export interface StreamsSamples {
  concurrent: number;
  peakRssMb: number[];
  errors: number;
  /** Why streams failed: "HTTP 502", "no [DONE]", or the client error message, with counts. */
  errorReasons: Record<string, number>;
  /** Slowest of the concurrent streams, per round (ms). */
  roundMs: number[];
}

const SHORT_QUERY = "Why is my solution slow? [[stub:paced pieces=3 delayMs=0]]";

function sampleRss(child: StackChild): { stop(): number } {
  let peak = child.rssMb();
  const timer = setInterval(() => {
    peak = Math.max(peak, child.rssMb());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, child.rssMb());
    },
  };
}

function cannon(
  endpoint: string,
  chat: ChatRequest,
  connections: number,
  limit: { durationSec: number } | { amount: number },
): Promise<{ result: autocannon.Result; perSecond: number[]; latencies: number[] }> {
  const perSecond: number[] = [];
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: endpoint,
        method: "POST",
        body: chat.body,
        headers: chat.headers,
        connections,
        pipelining: 1,
        timeout: 30,
        ...("amount" in limit ? { amount: limit.amount } : { duration: limit.durationSec }),
      },
      (error, result) => (error ? reject(error) : resolve({ result, perSecond, latencies })),
    );
    // The typings declare a no-argument listener; autocannon passes { counter, bytes } (lib/run.js).
    const onTick = (tick: { counter: number }): void => {
      perSecond.push(tick.counter);
    };
    instance.on("tick", onTick as unknown as () => void);
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * Starts `concurrency` containers before a level is measured. Short chats are not enough: warm
 * containers finish them so fast that they take every request while the new ones are still starting,
 * and those cold starts then land inside the measurement. Slow chats (paced, about 0.6 s each) sent
 * all at once each hold a container, so the pool has to grow to `concurrency`. A round that had
 * failures (e.g. CloudFront's 30 s origin read timeout while many containers start on few cores) is
 * repeated, bounded to three rounds; the function keeps starting even when the viewer gave up.
 */
async function warmContainers(
  child: StackChild,
  concurrency: number,
  log: (line: string) => void,
): Promise<void> {
  const slow = chatRequest(
    { ...SAMPLE_REQUEST, query: "Warm-up. [[stub:paced pieces=3 delayMs=300]]" },
    await child.idToken(),
  );
  for (let round = 1; round <= 3; round++) {
    const results = await Promise.allSettled(
      Array.from({ length: concurrency }, () => postChat(child.endpoint, slow, 120_000)),
    );
    const failed = results.filter(
      (r) => r.status === "rejected" || r.value.status !== 200 || !r.value.done,
    ).length;
    if (failed === 0) return;
    log(`  warm-up c=${concurrency}: round ${round} had ${failed} failed chats; repeating`);
  }
}

export async function measureThroughput(
  child: StackChild,
  levels: readonly number[],
  runs: number,
  durationSec: number,
  log: (line: string) => void,
): Promise<LevelSamples[]> {
  const chat = chatRequest({ ...SAMPLE_REQUEST, query: SHORT_QUERY }, await child.idToken());
  const out: LevelSamples[] = [];
  for (const concurrency of levels) {
    // Warm-up (not counted): every container this level needs gets its cold start here, then a short
    // autocannon pass warms the JIT and the connections.
    await warmContainers(child, concurrency, log);
    await cannon(child.endpoint, chat, concurrency, { amount: concurrency * 3 });
    const level: LevelSamples = {
      concurrency,
      perSecond: [],
      chatsPerSecond: [],
      latencyMs: [],
      errors: 0,
      non2xx: 0,
      completed: 0,
      peakRssMb: [],
    };
    for (let r = 0; r < runs; r++) {
      const rss = sampleRss(child);
      const { result, perSecond, latencies } = await cannon(child.endpoint, chat, concurrency, {
        durationSec,
      });
      level.peakRssMb.push(rss.stop());
      level.perSecond.push(perSecond);
      level.latencyMs.push(latencies);
      level.chatsPerSecond.push(result["2xx"] / result.duration);
      level.errors += result.errors + result.timeouts;
      level.non2xx += result.non2xx;
      level.completed += result["2xx"];
    }
    log(
      `  c=${concurrency}: ${level.chatsPerSecond.map((v) => v.toFixed(0)).join(", ")} chats/s, errors ${level.errors}, non-2xx ${level.non2xx}`,
    );
    out.push(level);
  }
  return out;
}

/** Case 6 at load: `concurrent` streams open at once (each about 1 s long), peak RSS per round. */
export async function measureConcurrentStreams(
  child: StackChild,
  concurrent: number,
  rounds: number,
): Promise<StreamsSamples> {
  const chat = chatRequest(
    { ...SAMPLE_REQUEST, query: "Explain slowly. [[stub:paced pieces=20 delayMs=50]]" },
    await child.idToken(),
  );
  const samples: StreamsSamples = { concurrent, peakRssMb: [], errors: 0, errorReasons: {}, roundMs: [] };
  for (let r = 0; r < rounds; r++) {
    const rss = sampleRss(child);
    const t = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: concurrent }, () => postChat(child.endpoint, chat, 60_000)),
    );
    samples.roundMs.push(performance.now() - t);
    samples.peakRssMb.push(rss.stop());
    for (const x of results) {
      const reason =
        x.status === "rejected"
          ? String((x.reason as Error)?.message ?? x.reason).slice(0, 80)
          : x.value.status !== 200
            ? `HTTP ${x.value.status}`
            : !x.value.done
              ? "stream ended without [DONE]"
              : undefined;
      if (reason === undefined) continue;
      samples.errors++;
      samples.errorReasons[reason] = (samples.errorReasons[reason] ?? 0) + 1;
    }
  }
  return samples;
}
