/**
 * The chain's streaming cases under both delivery modes of the Function URL (function-url/
 * response-delivery.ts): `immediate`, the default, as the Runtime Interface Emulator's sandbox flushes every
 * chunk (`directinvoke/util.go` FlushingWriter), and `lambda`, the harsher reading of public reports that
 * small writes are held (aws/aws-lambda-nodejs-runtime-interface-client#94 and
 * aws/aws-lambda-nodejs-runtime-interface-client#102; the assumption is labelled in response-delivery.ts).
 * The sources conflict, so the handler must pass under both. CloudFront's origin read timeout applies before
 * the first byte and to every gap between the bytes it actually receives, so held writes must not leave it
 * waiting. Timings scaled down: read timeout 3 s, keep-alive 1 s, first token after 4 s (production: 30 s,
 * 10 s, 35 s).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryMode } from "../../emulator/config/types.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody, sseChunks } from "../test-support/chat-client.js";
import { askTimed, longestGapMs, SCALED, startDeliveryStack } from "../test-support/delivery-stack.js";
import type { TestStack } from "../test-support/test-stack.js";

const READ_TIMEOUT_MS = SCALED.readTimeoutSeconds * 1000;
/**
 * Each stack below is its own, and its tests mostly wait on the scaled timers: the stacks run side by
 * side, the tests on one stack one after another (they read its journal).
 */
const CONCURRENT = { concurrent: true } as const;
const SLOW_FIRST_TOKEN = `[[stub:slow-first-token ms=${SCALED.slowFirstTokenMs}]]`;

describe.each(["immediate", "lambda"] as DeliveryMode[])("FUNCTION_URL_DELIVERY=%s", CONCURRENT, (mode) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startDeliveryStack(mode);
  });
  afterAll(() => stack?.close());

  describe.sequential("one request at a time", () => {
    it("streams an answer intact through CloudFront, OAC and the Function URL, with the SSE and CloudFront headers", async () => {
      const answer = await askTimed(stack, "where do I start?");
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(answer.headers.get("x-request-id")).toBeTruthy();
      expect(answer.headers.get("x-cache")).toBe("Miss from cloudfront");
      expect(answer.cut).toBeUndefined();
      expect(sseChunks(answer.text).join("").length).toBeGreaterThan(0);
      expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
    });

    it(`incrementality: ${mode === "immediate" ? "the first chunk arrives while the model is still answering" : "a short answer arrives only at its end (small writes held, aws/aws-lambda-nodejs-runtime-interface-client#94)"}`, async () => {
      stack.gemini?.journal.clear();
      const stillRunning: boolean[] = [];
      const tokens = await stack.cognito?.mintTokens("alice");
      const body = JSON.stringify(chatBody("pace me [[stub:paced pieces=6 delayMs=150]]"));
      const res = await fetch(stack.endpoint, {
        method: "POST",
        body,
        headers: viewerHeaders(body, bearer(tokens?.idToken)),
      });
      const reader = res.body?.getReader();
      let text = "";
      for (;;) {
        const read = await reader?.read();
        if (!read || read.done) break;
        stillRunning.push(stack.gemini?.journal.list().at(-1)?.completed === false);
        text += new TextDecoder().decode(read.value);
      }
      expect(sseChunks(text)).toHaveLength(6);
      if (mode === "immediate") expect(stillRunning[0]).toBe(true);
      else expect(stillRunning.every((running) => !running)).toBe(true);
    });

    it("a first token after the origin read timeout: the viewer gets the answer, never CloudFront's 504 page nor a cut stream", async () => {
      const answer = await askTimed(stack, `${SLOW_FIRST_TOKEN} slow model`);
      expect(answer.status).toBe(200);
      expect(answer.cut).toBeUndefined();
      expect(answer.text).toMatch(/^: keep-alive/);
      expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
      // CloudFront never waited a whole read timeout for bytes (the keep-alives got through the hold).
      expect(longestGapMs(answer)).toBeLessThan(READ_TIMEOUT_MS);
      const keepAliveBytes = Buffer.byteLength(answer.text.slice(0, answer.text.indexOf("data: ")));
      console.info(
        `[${mode}] first token after ${SCALED.slowFirstTokenMs} ms: ${keepAliveBytes} keep-alive bytes before it, ` +
          `longest wait for bytes ${Math.round(longestGapMs(answer))} ms, answer complete after ${Math.round((answer.arrivals.at(-1) ?? 0) - answer.sentAt)} ms`,
      );
    });

    it("a pause mid-answer longer than the read timeout: the answer completes", async () => {
      const answer = await askTimed(stack, "[[stub:stall-mid-stream ms=4000 afterPieces=2]] stalls");
      expect(answer.status).toBe(200);
      expect(answer.cut).toBeUndefined();
      expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
      expect(longestGapMs(answer)).toBeLessThan(READ_TIMEOUT_MS);
    });

    it("a model trickling small pieces faster than the keep-alive interval for longer than the read timeout: the answer completes", async () => {
      const answer = await askTimed(stack, "[[stub:paced pieces=6 delayMs=800]] trickle");
      expect(answer.status).toBe(200);
      expect(answer.cut).toBeUndefined();
      expect(sseChunks(answer.text)).toHaveLength(6);
      expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
      expect(longestGapMs(answer)).toBeLessThan(READ_TIMEOUT_MS);
    });

    it("a model silent past MODEL_TIMEOUT_MS: a clean SSE error event, not a 504 page or a cut", async () => {
      const answer = await askTimed(stack, "[[stub:slow-first-token ms=9000]] never in time");
      expect(answer.status).toBe(200);
      expect(answer.cut).toBeUndefined();
      expect(answer.text).toMatch(/event: error\ndata: \{"error":\{"code":"UPSTREAM_TIMEOUT",[^\n]*\n\n$/);
      expect(answer.text).not.toContain("[DONE]");
    });

    it("a connection the model cuts mid-answer: a clean SSE error event at the end of a complete stream", async () => {
      const answer = await askTimed(stack, "[[stub:drop-mid-stream afterPieces=2]] drop");
      expect(answer.status).toBe(200);
      expect(answer.cut).toBeUndefined();
      expect(answer.text).toMatch(/event: error\ndata: \{"error":\{"code":"UPSTREAM_(ERROR|UNAVAILABLE)"/);
      expect(answer.text).not.toContain("[DONE]");
    });
  });
});

describe("why the keep-alives are padded (KEEPALIVE_PAD_BYTES)", CONCURRENT, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startDeliveryStack("lambda", { KEEPALIVE_PAD_BYTES: "0" });
  });
  afterAll(() => stack?.close());

  it("unpadded 14-byte keep-alives are held under lambda delivery: CloudFront answers its 504 page", async () => {
    const answer = await askTimed(stack, `${SLOW_FIRST_TOKEN} slow model`);
    expect(answer.status).toBe(504);
    expect(answer.text).toContain("504 Gateway Timeout ERROR");
  });
});
