/**
 * Every finishReason through the whole chain: the stub ends the answer with it after two pieces
 * (`[[stub:finish-reason reason=X afterPieces=2]]`), @google/genai reads it, and the viewer gets either
 * the whole answer and [DONE] (STOP) or the two pieces and the pinned error event, nothing else
 * (handler/README.md, "When the model stops").
 */
import { FinishReason } from "@google/genai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sseChunks } from "../test-support/chat-client.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";
import { askAsAlice } from "./test-support/ask.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.close();
});

it.each(Object.values(FinishReason))("finishReason %s ends the stream cleanly", async (reason) => {
  const { status, text } = await askAsAlice(
    stack,
    `where do I start? [[stub:finish-reason reason=${reason} afterPieces=2]]`,
  );
  expect(status).toBe(200);
  expect(sseChunks(text)).toHaveLength(2);
  const events = text.split("\n\n").filter(Boolean);
  const last = events.at(-1) ?? "";
  if (reason === "STOP") {
    expect(last).toBe("data: [DONE]");
    return;
  }
  expect(text).not.toContain("[DONE]");
  expect(last).toMatch(/^event: error\ndata: \{"error":\{"code":"UPSTREAM_ERROR","message":"[^"]+"\}\}$/);
  // Only keep-alives, the two chunks and the error: no stray frame.
  expect(events.filter((e) => !e.startsWith(":"))).toHaveLength(3);
});
