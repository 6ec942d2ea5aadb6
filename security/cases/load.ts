/**
 * Load (SECURITY.md, "The catalogue"): concurrent streamed chats through the full chain on loopback, all
 * complete and correct; then sequential requests with the memory of the process running the function's
 * containers measured after a warm-up and at the end. Sizes come from the target (smaller under `npm test`).
 */

import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { type AttackCase, chatBody, describe, judgeAnswer, postChat, sleep } from "../case.js";
import type { AttackResponse } from "../http.js";

/**
 * The stated bound: the median RSS over the second half of the sequential run may exceed the first half's by
 * at most this. Medians, not peaks: RSS swings as V8 heaps grow and shrink, a leak moves the whole half.
 */
const MEMORY_GROWTH_BOUND_MB = 100;

const BODY = chatBody("[[stub:paced pieces=4 delayMs=5]] How do I avoid the nested loop?");

export const loadCases: AttackCase[] = [
  {
    id: "LOAD-01",
    category: "load",
    name: "concurrent streamed chats through the full chain",
    expected:
      "after the containers are started: every concurrent stream 200 with [DONE] and the same text as a lone request; no errors",
    needs: ["stub"],
    timeoutMs: 600_000,
    async run(target) {
      const n = target.sizes.loadConcurrent;
      const token = `Bearer ${await target.validToken()}`;
      const reference = await postChat(target, "LOAD-01.reference", token, { body: BODY, timeoutMs: 60_000 });
      const ref = judgeAnswer(reference);
      if (!ref.pass) return { pass: false, observed: `reference request failed: ${ref.observed}` };
      const warm = await warmContainers(target, token, n);
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          postChat(target, `LOAD-01 #${i}`, token, { body: BODY, timeoutMs: 240_000 }),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      const bad = results.filter((r) => !judgeAnswer(r).pass || r.text !== reference.text);
      const slowest = Math.max(...results.map((r) => r.ms));
      return {
        pass: bad.length === 0,
        observed: `warm-up: ${warm.ok}/${n} containers up in ${warm.seconds.toFixed(0)} s${warm.problems ? ` (others: ${warm.problems})` : ""}; ${n - bad.length}/${n} concurrent streams complete and identical in ${seconds.toFixed(1)} s (slowest ${slowest} ms)${bad.length ? `; first bad: ${describe(bad[0] as (typeof results)[number])}` : ""}`,
      };
    },
  },
  {
    id: "LOAD-02",
    category: "load",
    name: "sequential streamed chats, memory measured",
    expected: `all 200 with [DONE]; no growth trend: the second half's median RSS within ${MEMORY_GROWTH_BOUND_MB} MB of the first half's`,
    needs: ["stub", "memory"],
    timeoutMs: 900_000,
    async run(target) {
      const n = target.sizes.loadSequential;
      const memory = target.local?.memoryBytes;
      if (!memory) throw new Error("no memory reading");
      const mb = () => memory() / 1_048_576;
      const token = `Bearer ${await target.validToken()}`;
      // Retire LOAD-01's idle containers first, so the reading is about this run, not about them.
      target.local?.reloadFunction?.();
      await sleep(200);
      // The first tenth warms up (containers, JIT, V8 heaps growing to their working size) and is not measured.
      const warmup = Math.max(1, Math.floor(n / 10));
      const half = warmup + Math.floor((n - warmup) / 2);
      let failures = 0;
      let firstFailure = "";
      const firstHalf: number[] = [];
      const secondHalf: number[] = [];
      const started = Date.now();
      for (let i = 0; i < n; i++) {
        const res = await postChat(target, `LOAD-02 #${i}`, token, { body: BODY, timeoutMs: 30_000 });
        const outcome = judgeAnswer(res);
        if (!outcome.pass) {
          failures++;
          firstFailure ||= `#${i} ${outcome.observed}`;
        }
        if (i >= warmup && i < half) firstHalf.push(mb());
        if (i >= half) secondHalf.push(mb());
      }
      const growth = median(secondHalf) - median(firstHalf);
      const peak = Math.max(...firstHalf, ...secondHalf);
      const rate = n / ((Date.now() - started) / 1000);
      const live = target.local?.functionStats?.().liveContainers;
      return {
        pass: failures === 0 && growth <= MEMORY_GROWTH_BOUND_MB,
        observed: `${n - failures}/${n} ok (${rate.toFixed(0)} req/s); median RSS first half ${median(firstHalf).toFixed(0)} MB, second half ${median(secondHalf).toFixed(0)} MB (growth ${growth.toFixed(0)} MB), peak ${peak.toFixed(0)} MB${live === undefined ? "" : `; ${live} live container(s)`}${firstFailure ? `; ${firstFailure}` : ""}`,
      };
    },
  },
];

const WARM_BATCH = 20;

/**
 * Starts `n` containers before the measured wave, `WARM_BATCH` cold starts at a time: each batch holds long
 * answers open until every container of the batch has streamed its first byte, then the next batch starts; at
 * the end all are disconnected, and the function is not told
 * (aws/aws-lambda-nodejs-runtime-interface-client#145): each warm-up call runs on to the model timeout,
 * holding its container, so the measured wave waits for that. Why: locally every container shares the same
 * few cores, and 200 simultaneous cold starts starve them (the handler's 3 s JWKS fetch times out -> 503, or
 * CloudFront's 30 s origin read timeout -> 504), which a real Lambda, with a CPU per container, would not
 * see.
 */
async function warmContainers(
  target: Parameters<AttackCase["run"]>[0],
  token: string,
  n: number,
): Promise<{ ok: number; problems: string; seconds: number }> {
  const body = chatBody("[[stub:paced pieces=1200 delayMs=100]] warm-up");
  const started = Date.now();
  let release = false;
  const pending: Promise<AttackResponse>[] = [];
  for (let i = 0; i < n; i += WARM_BATCH) {
    const firsts: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + WARM_BATCH); j++) {
      let first: () => void = () => {};
      firsts.push(new Promise<void>((resolve) => (first = resolve)));
      const res = target.send(`LOAD-01 warm-up #${j}`, {
        url: target.endpoint,
        headers: viewerHeaders(body, token),
        body,
        timeoutMs: 180_000,
        onChunk: () => {
          first();
          return release;
        },
      });
      res.then(first, first);
      pending.push(res);
    }
    await Promise.all(firsts);
  }
  release = true;
  const answers = await Promise.all(pending);
  // Until then the warm containers are still busy with answers nobody reads.
  if (target.local) await sleep(target.local.modelTimeoutMs + 500);
  const ok = answers.filter((r) => r.status === 200).length;
  const problems = [...new Set(answers.filter((r) => r.status !== 200).map((r) => describe(r)))].join(", ");
  return { ok, problems, seconds: (Date.now() - started) / 1000 };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
