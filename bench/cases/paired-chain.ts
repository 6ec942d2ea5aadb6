/**
 * Cases 2 and 3, in one process on one clock: the stack (CloudFront, Function URL with its containers,
 * Cognito, SSM) plus the instrumented Gemini stub, and the same handler invoked directly. Requests
 * alternate between the two paths so drift in machine load hits both alike.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { signSigV4Headers } from "../../emulator/aws/sigv4-sign.js";
import { functionUrlDomain } from "../../emulator/config/defaults.js";
import type { StackConfig } from "../../emulator/config/types.js";
import { type RunningStack, startStack } from "../../emulator/stack/running-stack.js";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";
import { testConfig } from "../../test/test-support/test-stack.js";
import { type ChatRequest, type ChatResult, chatRequest, postChat } from "../chat-client.js";
import type { BenchConfiguration } from "../configurations.js";
import { createDirectHandler, type DirectHandler } from "../direct-handler.js";
import { type InstrumentedStub, startInstrumentedStub } from "../instrumented-stub.js";
import { type ChunkArrival, chunkArrivals } from "../samples.js";
import { pieceDelays } from "../sse-timeline.js";

export interface ChainBench {
  stack: RunningStack;
  stub: InstrumentedStub;
  direct: DirectHandler;
  idToken: string;
  close(): Promise<void>;
}

/**
 * The stack as `npm start` runs it in `configuration` (its container runtime; the inspector as the
 * environment sets it, on by default), on ephemeral ports with a fresh state folder, the stub's own
 * pacing off. Its log lines are formatted and written, as `npm start` writes them, to /dev/null.
 */
export async function startChainBench(configuration: BenchConfiguration): Promise<ChainBench> {
  const config = testConfig({
    gemini: { pieceDelayMs: 0 },
    functionUrl: { containerRuntime: configuration.runtime, delivery: { mode: "immediate" } },
  });
  const stub = await startInstrumentedStub(config.gemini);
  config.gemini.port = stub.port;
  const devNull = openSync("/dev/null", "w");
  const stack = await startStack(config, {
    services: ["cognito", "ssm", "functionUrl", "cloudfront"],
    log: (line) => writeSync(devNull, `${line}\n`),
    functionUrl: { logLevel: "info" },
  });
  const direct = await createDirectHandler(stack.config);
  const user = stack.config.cognito.users[0];
  if (!user || !stack.cognito) throw new Error("the stack has no demo user");
  const { idToken } = await stack.cognito.mintTokens(user.username);
  return {
    stack,
    stub,
    direct,
    idToken,
    async close() {
      await stack.close();
      await stub.close();
      closeSync(devNull);
    },
  };
}

/** OAC's SigV4 headers for `POST /chatbot` with the viewer's body hash, as CloudFront signs them. */
export function signLikeOac(config: StackConfig, bodySha256: string) {
  return signSigV4Headers({
    credentials: config.credentials.cloudfront,
    region: config.region,
    service: "lambda",
    host: functionUrlDomain(config),
    method: "POST",
    path: "/chatbot",
    rawQuery: "",
    payloadHash: bodySha256,
    signingDate: new Date(),
  });
}

/**
 * The request CloudFront sends its origin, made by the bench: OAC's SigV4 headers (CloudFront's own
 * signer), the token in x-forwarded-authorization (what the viewer-request function does), straight
 * to the Function URL. The difference to the full chain is CloudFront's share.
 */
async function postToFunctionUrl(bench: ChainBench, chat: ChatRequest): Promise<ChatResult> {
  const config = bench.stack.config;
  const host = functionUrlDomain(config);
  const signed = await signLikeOac(config, chat.bodySha256);
  const headers: Record<string, string> = {
    host,
    "content-type": "application/json",
    "x-forwarded-authorization": `Bearer ${chat.idToken}`,
    ...signed,
  };
  return postChat(`${bench.stack.urls.functionUrl}/chatbot`, chat, 30_000, headers);
}

function check(result: ChatResult, path: string): void {
  if (result.status !== 200 || !result.done || result.errorEvent) {
    throw new Error(`${path} chat failed: status ${result.status}, done ${result.done}`);
  }
}

export interface OverheadSamples {
  chainTotalMs: number[][];
  /** Signed request straight to the Function URL (CloudFront left out). */
  functionUrlTotalMs: number[][];
  directTotalMs: number[][];
  chainTtfbMs: number[][];
  directTtfbMs: number[][];
}

/** The three paths of case 2, in the order each pair runs them (rotating). */
const PAIR_ORDERS = [
  ["chain", "direct", "function-url"],
  ["direct", "function-url", "chain"],
  ["function-url", "chain", "direct"],
] as const;

/**
 * Case 2: a short answer (3 pieces, no pacing) end to end, through the chain, straight to the
 * Function URL and directly. Sample i of each path is one pair: the same request, back to back.
 */
export async function measureOverhead(
  bench: ChainBench,
  runs: number,
  perRun: number,
  warmup: number,
): Promise<OverheadSamples> {
  const chat = chatRequest(
    { ...SAMPLE_REQUEST, query: "Why is it slow? [[stub:paced pieces=3 delayMs=0]]" },
    bench.idToken,
  );
  for (let i = 0; i < warmup; i++) {
    check(await postChat(bench.stack.endpoint, chat), "chain");
    check(await bench.direct.invoke(chat), "direct");
    check(await postToFunctionUrl(bench, chat), "function-url");
  }
  const s: OverheadSamples = {
    chainTotalMs: [],
    functionUrlTotalMs: [],
    directTotalMs: [],
    chainTtfbMs: [],
    directTtfbMs: [],
  };
  for (let r = 0; r < runs; r++) {
    const ct: number[] = [];
    const ut: number[] = [];
    const dt: number[] = [];
    const cf: number[] = [];
    const df: number[] = [];
    for (let i = 0; i < perRun; i++) {
      // Sample i of every path forms one pair (see pairedDifference); the order rotates so that no
      // path always runs first, on a freshly idle machine, or last, behind the others' garbage.
      for (const path of PAIR_ORDERS[i % PAIR_ORDERS.length] ?? []) {
        if (path === "chain") {
          const c = await postChat(bench.stack.endpoint, chat);
          check(c, "chain");
          ct.push(c.endedAt - c.startedAt);
          cf.push((c.chunks[0]?.at ?? c.endedAt) - c.startedAt);
        } else if (path === "direct") {
          const d = await bench.direct.invoke(chat);
          check(d, "direct");
          dt.push(d.endedAt - d.startedAt);
          df.push((d.chunks[0]?.at ?? d.endedAt) - d.startedAt);
        } else {
          const u = await postToFunctionUrl(bench, chat);
          check(u, "function-url");
          ut.push(u.endedAt - u.startedAt);
        }
      }
    }
    s.chainTotalMs.push(ct);
    s.functionUrlTotalMs.push(ut);
    s.directTotalMs.push(dt);
    s.chainTtfbMs.push(cf);
    s.directTtfbMs.push(df);
  }
  return s;
}

export interface FidelitySamples {
  pieces: number;
  delayMs: number;
  chainDelayMs: number[][];
  directDelayMs: number[][];
  chainTtfbMs: number[][];
  directTtfbMs: number[][];
  /** Per pair of matched chats (a chain chat and the direct one next to it), piece k: chain delay minus direct. */
  addedDelayMs: number[][];
  /** Per chat, each piece's send and arrival time (for the chunk-timeline chart). */
  chainTimelines: ChunkArrival[][];
  directTimelines: ChunkArrival[][];
  /** Chats whose received text did not match the stub's pieces (not comparable, left out). */
  unmatched: number;
}

/** Case 3: the stub sends `pieces` at a fixed pace; per piece, stub send -> client receive. */
export async function measureFidelity(
  bench: ChainBench,
  runs: number,
  perRun: number,
  pieces: number,
  delayMs: number,
): Promise<FidelitySamples> {
  const chat: ChatRequest = chatRequest(
    { ...SAMPLE_REQUEST, query: `Walk me through it. [[stub:paced pieces=${pieces} delayMs=${delayMs}]]` },
    bench.idToken,
  );
  const s: FidelitySamples = {
    pieces,
    delayMs,
    chainDelayMs: [],
    directDelayMs: [],
    chainTtfbMs: [],
    directTtfbMs: [],
    addedDelayMs: [],
    chainTimelines: [],
    directTimelines: [],
    unmatched: 0,
  };
  const one = async (
    path: "chain" | "direct",
    into: number[],
    ttfb: number[],
  ): Promise<number[] | undefined> => {
    bench.stub.reset();
    const result =
      path === "chain" ? await postChat(bench.stack.endpoint, chat) : await bench.direct.invoke(chat);
    check(result, path);
    ttfb.push((result.chunks[0]?.at ?? result.endedAt) - result.startedAt);
    const delays = pieceDelays(bench.stub.sent, result.chunks);
    if (delays) into.push(...delays);
    else s.unmatched++;
    const arrivals = chunkArrivals(bench.stub.sent, result.chunks);
    if (arrivals) (path === "chain" ? s.chainTimelines : s.directTimelines).push(arrivals);
    return delays;
  };
  for (let r = 0; r < runs; r++) {
    const chain: number[] = [];
    const direct: number[] = [];
    const cf: number[] = [];
    const df: number[] = [];
    const added: number[] = [];
    for (let i = 0; i < perRun; i++) {
      // One pair per i, which path goes first alternating (as in case 2).
      let c: number[] | undefined;
      let d: number[] | undefined;
      if (i % 2 === 0) {
        c = await one("chain", chain, cf);
        d = await one("direct", direct, df);
      } else {
        d = await one("direct", direct, df);
        c = await one("chain", chain, cf);
      }
      if (c && d && c.length === d.length) added.push(...c.map((v, k) => v - (d[k] ?? Number.NaN)));
    }
    s.addedDelayMs.push(added);
    s.chainDelayMs.push(chain);
    s.directDelayMs.push(direct);
    s.chainTtfbMs.push(cf);
    s.directTtfbMs.push(df);
  }
  return s;
}

/** Runs `fn` `count` times sequentially (for the CPU profile). */
export async function repeatChats(count: number, fn: () => Promise<ChatResult>): Promise<void> {
  for (let i = 0; i < count; i++) check(await fn(), "profiled");
}
