/**
 * Case 4, throughput, and case 6 at load: completed streamed chats per second through the whole chain
 * at several concurrencies, with autocannon (a real load generator, in this process) against the stack
 * in its own process. The stub answers at once (no pacing), so the chain itself is what is loaded.
 * While it runs, the stack's resident memory (its `ric` containers' included: process-stats.ts) is
 * sampled every 200 ms, and the CPU time the stack, its containers and this load generator used over
 * the level's runs is read once before and once after.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import type { ChatRequest } from "../chat-client.js";
import { chatRequest, postChat } from "../chat-client.js";
import { cpuUsedMs, ricContainers, stackMemoryMb } from "../process-stats.js";
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
  /** CPU per completed chat over the level's runs, ms: the stack process, its containers, this process. */
  cpuPerChatMs: { stack: number; containers: number; client: number };
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

/**
 * Uncounted chats per connection before a level is measured. Every container is its own V8 (a thread
 * under `worker`, a process under `ric`) and compiles the handler's hot code only after serving it a
 * few dozen times: measured on one `ric` container, invocation 2 took 28 ms, 6-10 12 ms, 100-200 8 ms.
 * A busy function's environments serve many invocations each, so the level measures them warm.
 */
const JIT_WARMUP_CHATS = 20;

/** The most a level's containers may take to start (200 `ric` cold starts, two at a time, on a busy machine). */
const WARM_UP_MS = 240_000;

/** Peak memory of the stack and its containers while it runs; the container list is re-read each second. */
function sampleRss(child: StackChild): { stop(): number } {
  let containers = ricContainers(child.pid);
  let listedAt = performance.now();
  const read = () => {
    if (performance.now() - listedAt > 1000) {
      containers = ricContainers(child.pid);
      listedAt = performance.now();
    }
    return stackMemoryMb(child.pid, containers);
  };
  let peak = read();
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      containers = ricContainers(child.pid);
      return Math.max(peak, stackMemoryMb(child.pid, containers));
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
 * and those cold starts then land inside the measurement (a `ric` cold start takes hundreds of ms of
 * CPU, counted against the level's chats). Slow chats (paced, about 3 s each) sent all at once each
 * hold a container, so the pool has to grow; rounds repeat until it holds `concurrency` containers,
 * for at most WARM_UP_MS (CloudFront's 30 s origin read timeout can fail chats while many containers
 * start on few cores; the function keeps starting even when the viewer gave up).
 */
async function warmContainers(
  child: StackChild,
  concurrency: number,
  log: (line: string) => void,
  pieceDelayMs: number,
): Promise<void> {
  const slow = chatRequest(
    { ...SAMPLE_REQUEST, query: `Warm-up. [[stub:paced pieces=3 delayMs=${pieceDelayMs}]]` },
    await child.idToken(),
  );
  const until = performance.now() + WARM_UP_MS;
  for (let round = 1; performance.now() < until; round++) {
    const results = await Promise.allSettled(
      Array.from({ length: concurrency }, () => postChat(child.endpoint, slow, 120_000)),
    );
    const failed = results.filter(
      (r) => r.status === "rejected" || r.value.status !== 200 || !r.value.done,
    ).length;
    const { liveContainers } = await child.poolStats();
    if (failed === 0 && liveContainers >= concurrency) return;
    log(
      `  warm-up c=${concurrency}: round ${round}: ${liveContainers} containers, ${failed} failed chats; repeating`,
    );
  }
}

export interface ThroughputOptions {
  /**
   * May refuse a level before it starts (it says why): `ric` containers are processes, and a shared
   * machine must keep memory for others (process-stats.ts).
   */
  wontRun?: (concurrency: number) => string | undefined;
  /**
   * The pause between the three pieces of a warm-up chat (default 1000 ms: each chat holds its container
   * about 3 s, long enough for the others to start on a busy machine). A shorter hold only means more
   * warm-up rounds when starts are slow; the smoke run uses one.
   */
  warmupPieceDelayMs?: number;
}

/** Each level in turn. */
export async function measureThroughput(
  child: StackChild,
  levels: readonly number[],
  runs: number,
  durationSec: number,
  log: (line: string) => void,
  options: ThroughputOptions = {},
): Promise<{ levels: LevelSamples[]; skipped: { concurrency: number; why: string }[] }> {
  const { wontRun = () => undefined, warmupPieceDelayMs = 1000 } = options;
  const chat = chatRequest({ ...SAMPLE_REQUEST, query: SHORT_QUERY }, await child.idToken());
  const out: LevelSamples[] = [];
  const skipped: { concurrency: number; why: string }[] = [];
  for (const concurrency of levels) {
    const why = wontRun(concurrency);
    if (why) {
      log(`  c=${concurrency}: not measured: ${why}`);
      skipped.push({ concurrency, why });
      continue;
    }
    // Warm-up (not counted): every container this level needs gets its cold start here, then a short
    // autocannon pass warms the JIT and the connections.
    await warmContainers(child, concurrency, log, warmupPieceDelayMs);
    await cannon(child.endpoint, chat, concurrency, { amount: concurrency * JIT_WARMUP_CHATS });
    const level: LevelSamples = {
      concurrency,
      perSecond: [],
      chatsPerSecond: [],
      latencyMs: [],
      errors: 0,
      non2xx: 0,
      completed: 0,
      peakRssMb: [],
      cpuPerChatMs: { stack: 0, containers: 0, client: 0 },
    };
    const cpuBefore = child.cpu();
    const clientBefore = process.cpuUsage();
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
    const used = cpuUsedMs(cpuBefore, child.cpu());
    const client = process.cpuUsage(clientBefore);
    const per = (ms: number) => ms / Math.max(1, level.completed);
    level.cpuPerChatMs = {
      stack: per(used.stackMs),
      containers: per(used.containersMs),
      client: per((client.user + client.system) / 1000),
    };
    log(
      `  c=${concurrency}: ${level.chatsPerSecond.map((v) => v.toFixed(0)).join(", ")} chats/s, errors ${level.errors}, non-2xx ${level.non2xx}`,
    );
    out.push(level);
  }
  return { levels: out, skipped };
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
