/**
 * Case 8, time to last byte the way a user's curl sees it: one chat at a time, each on a new TCP
 * connection (no keep-alive, as `curl` run once per question), from the request's start to the last
 * byte of its answer, against the stack in its own process (`npm start`'s). Beside it, paired, the
 * same short answer asked of the Gemini stub alone (its `streamGenerateContent`, also on a new
 * connection): what the whole chain costs over the model service it wraps.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { type ChatRequest, chatRequest } from "../chat-client.js";
import type { StackChild } from "../stack-child.js";

export interface TtlbSamples {
  chainMs: number[][];
  stubMs: number[][];
}

const QUERY = "Why is my solution slow? [[stub:paced pieces=3 delayMs=0]]";

/** POSTs `body` on a connection of its own; resolves with ms from start to the last byte (status 200 only). */
function timedPost(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: "POST",
        // No agent: a new connection, closed after the answer, as one `curl` run.
        agent: false,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`${target.pathname}: HTTP ${res.statusCode}`)),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${target.pathname}: no answer within 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

function stubRequest(child: StackChild): { url: string; headers: Record<string, string>; body: string } {
  const { model, apiKey } = child.stub;
  return {
    url: `${child.urls.gemini}/v1beta/models/${model}:streamGenerateContent?alt=sse`,
    headers: { "content-type": "application/json", "x-goog-api-key": apiKey },
    body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: QUERY }] }] }),
  };
}

/** `runs` runs of `perRun` pairs (chain, stub alone), which goes first alternating. */
export async function measureTtlb(child: StackChild, runs: number, perRun: number): Promise<TtlbSamples> {
  const chat: ChatRequest = chatRequest({ ...SAMPLE_REQUEST, query: QUERY }, await child.idToken());
  const stub = stubRequest(child);
  const viaChain = () => timedPost(child.endpoint, chat.headers, chat.body);
  const alone = () => timedPost(stub.url, stub.headers, stub.body);
  // Warm: the containers a sequential user needs, the JIT of both paths.
  for (let i = 0; i < 10; i++) {
    await viaChain();
    await alone();
  }
  const samples: TtlbSamples = { chainMs: [], stubMs: [] };
  for (let r = 0; r < runs; r++) {
    const chainMs: number[] = [];
    const stubMs: number[] = [];
    for (let i = 0; i < perRun; i++) {
      if (i % 2 === 0) {
        chainMs.push(await viaChain());
        stubMs.push(await alone());
      } else {
        stubMs.push(await alone());
        chainMs.push(await viaChain());
      }
    }
    samples.chainMs.push(chainMs);
    samples.stubMs.push(stubMs);
  }
  return samples;
}
