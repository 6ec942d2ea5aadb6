/**
 * Thinking through the whole chain (handler/README.md, "Thinking and the output cap"): Gemini takes the
 * thought tokens out of maxOutputTokens, and the stub does too. With the handler's defaults (thinking
 * level low, cap 8192) a hard question gets its whole answer; with the settings a model picks by itself
 * (3.8 Flash thinks at medium) under the old 4096 cap, a long answer is cut; a cap the thinking uses up
 * ends in the pinned error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tutorReply } from "../../emulator/gemini/tutor-reply.js";
import { sseChunks } from "../test-support/chat-client.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";
import { askAsAlice } from "./test-support/ask.js";

const HARD =
  "My dynamic programming solution for the longest increasing subsequence times out on 10^5 elements; how do I get from O(n^2) to O(n log n) without losing the reconstruction of the sequence?";

describe("with the handler's default thinking and output settings", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it("a hard question gets the stub's whole default reply and [DONE]", async () => {
    const { status, text } = await askAsAlice(stack, HARD);
    expect(status).toBe(200);
    expect(sseChunks(text).join("")).toBe(tutorReply(HARD));
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const sent = stack.gemini?.journal.list().at(-1);
    expect(sent?.path).toBe("/v1beta/models/gemini-3.8-flash:streamGenerateContent");
    expect(sent?.generationConfig).toMatchObject({
      maxOutputTokens: 8192,
      thinkingConfig: { thinkingLevel: "LOW" },
    });
  });

  it("a long answer (1,200 tokens) is whole too", async () => {
    const { text } = await askAsAlice(stack, `${HARD} [[stub:long-answer pieces=200]]`);
    expect(sseChunks(text).join("")).toHaveLength(200 * 24);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("thinking-cut: the thinking leaves 16 tokens, so the viewer gets the cut text and the pinned error, no [DONE]", async () => {
    const { status, text } = await askAsAlice(stack, `${HARD} [[stub:thinking-cut]]`);
    expect(status).toBe(200);
    expect(sseChunks(text).join("")).toHaveLength(64);
    expect(text).not.toContain("[DONE]");
    expect(
      text.endsWith(
        'event: error\ndata: {"error":{"code":"UPSTREAM_ERROR","message":"The answer was cut at the model\'s output limit. Try a narrower question."}}\n\n',
      ),
    ).toBe(true);
  });

  it("thinking-empty: no text at all, so the pinned HTTP error before any stream", async () => {
    const { status, contentType, text } = await askAsAlice(stack, `${HARD} [[stub:thinking-empty]]`);
    expect(status).toBe(502);
    expect(contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(text).error).toMatchObject({
      code: "UPSTREAM_ERROR",
      message: "The answer was cut at the model's output limit. Try a narrower question.",
    });
  });
});

it("the model's own default level (3.8 Flash: medium) under the old 4096 cap cuts the same long answer", async () => {
  const stack = await startTestStack({
    functionUrl: { environment: { MODEL_THINKING_LEVEL: "medium", MODEL_MAX_OUTPUT_TOKENS: "4096" } },
  });
  try {
    const { text } = await askAsAlice(stack, `${HARD} [[stub:long-answer pieces=200]]`);
    expect(sseChunks(text).join("").length).toBeLessThan(200 * 24);
    expect(text).not.toContain("[DONE]");
    expect(text).toContain('"code":"UPSTREAM_ERROR"');
  } finally {
    await stack.close();
  }
});
