/**
 * Support for the delivery chain tests: a stack with CloudFront's origin read timeout scaled down to
 * 3 s (production: 30 s) and the handler's keep-alive to 1 s (production: 10 s), under one delivery
 * mode, plus a timed viewer and a clock on the function's log lines.
 */
import type { DeliveryMode } from "../../emulator/config/types.js";
import { THOUGHTS_AT_LEVEL } from "../../emulator/gemini/thinking.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody } from "./chat-client.js";
import { startTestStack, type TestStack } from "./test-stack.js";

/** Scaled from production's 30 s read timeout, 10 s keep-alive and 35 s first token. */
export const SCALED = { readTimeoutSeconds: 3, keepAliveMs: 1000, slowFirstTokenMs: 4000 } as const;

/**
 * Starts the stack and warms its function with one chat run to its end (then clears the journal and
 * logs), so the tests' timings are the delivery's, not a cold start's: starting the function's
 * process is not scaled down with the timeouts, and under load (or beside another stack warming up)
 * it can outlast the 3 s read timeout on its own.
 */
export async function startDeliveryStack(
  mode: DeliveryMode,
  environment: Record<string, string> = {},
): Promise<TestStack> {
  const stack = await startScaledStack(mode, environment);
  try {
    await askTimed(stack, "warm-up");
    await whenLogged(stack, /END RequestId/, 30_000);
  } catch (error) {
    await stack.close();
    throw error;
  }
  stack.gemini?.journal.clear();
  stack.logs.length = 0;
  return stack;
}

function startScaledStack(mode: DeliveryMode, environment: Record<string, string>): Promise<TestStack> {
  return startTestStack({
    gemini: { pieceDelayMs: 50 },
    functionUrl: {
      delivery: { mode, thresholdBytes: 16_384 },
      environment: {
        KEEPALIVE_MS: String(SCALED.keepAliveMs),
        MODEL_TIMEOUT_MS: "6000",
        // The handler thinks at `low`, which the stub (like Gemini) takes out of the cap first: 300
        // tokens are left for the answer.
        MODEL_MAX_OUTPUT_TOKENS: String(THOUGHTS_AT_LEVEL.low + 300),
        ...environment,
      },
    },
    cloudfront: { originReadTimeoutSeconds: SCALED.readTimeoutSeconds },
  });
}

export interface TimedAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** performance.now() when the request was sent. */
  sentAt: number;
  /** performance.now() of every network read of the body. */
  arrivals: number[];
  /** Set when reading the body failed (a cut stream). */
  cut?: string;
}

/** Posts a chat as the viewer does and reads the whole answer, recording when each read arrived. */
export async function askTimed(stack: TestStack, query: string, signal?: AbortSignal): Promise<TimedAnswer> {
  const tokens = await stack.cognito?.mintTokens("alice");
  const body = JSON.stringify(chatBody(query));
  const sentAt = performance.now();
  const res = await fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(body, bearer(tokens?.idToken)),
    signal,
  });
  const arrivals: number[] = [];
  const decoder = new TextDecoder();
  let text = "";
  let cut: string | undefined;
  const reader = res.body?.getReader();
  try {
    for (;;) {
      const read = await reader?.read();
      if (!read || read.done) break;
      arrivals.push(performance.now());
      text += decoder.decode(read.value, { stream: true });
    }
  } catch (error) {
    cut = (error as Error).message;
  }
  return { status: res.status, headers: res.headers, text, sentAt, arrivals, cut };
}

/** The longest time the viewer waited for bytes: from sending to the first read, and between reads. */
export function longestGapMs(answer: TimedAnswer): number {
  let previous = answer.sentAt;
  let longest = 0;
  for (const at of answer.arrivals) {
    longest = Math.max(longest, at - previous);
    previous = at;
  }
  return longest;
}

/** Resolves with performance.now() when a log line matching `pattern` first shows up. */
export async function whenLogged(stack: TestStack, pattern: RegExp, timeoutMs = 15_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (stack.logs.some((line) => pattern.test(line))) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line matched ${pattern} within ${timeoutMs} ms`);
}
