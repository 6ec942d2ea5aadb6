/**
 * A model Google no longer serves, through the whole chain (handler/README.md, "A model Google no longer
 * serves"; docs/lifecycle.md): the stub answers gemini-2.5-flash, shut down on 2026-12-01, with Google's
 * 404, and the viewer gets the pinned 502 UPSTREAM_ERROR; under the routing reading the answer comes
 * from gemini-3.5-flash-lite and the handler says so in its log; a preview model works.
 */
import { expect, it } from "vitest";
import { sseChunks } from "../test-support/chat-client.js";
import { startTestStack } from "../test-support/test-stack.js";
import { askAsAlice } from "./test-support/ask.js";

it("GEMINI_MODEL=gemini-2.5-flash: Google's 404 NOT_FOUND becomes the pinned 502 UPSTREAM_ERROR", async () => {
  const stack = await startTestStack({ functionUrl: { environment: { GEMINI_MODEL: "gemini-2.5-flash" } } });
  try {
    const { status, contentType, text } = await askAsAlice(stack, "where do I start?");
    expect(status).toBe(502);
    expect(contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(text).error).toMatchObject({
      code: "UPSTREAM_ERROR",
      message: "The configured model is not available.",
    });
    expect(stack.gemini?.journal.list().at(-1)).toMatchObject({ model: "gemini-2.5-flash", status: 404 });
    expect(
      stack.logs.some((line) =>
        /"level":"ERROR".*"message":"upstream failure".*"model":"gemini-2.5-flash"/.test(line),
      ),
    ).toBe(true);
  } finally {
    await stack.close();
  }
});

it("under GEMINI_STUB_RETIRED_MODELS=routed the same request is answered whole by gemini-3.5-flash-lite, with one handler warning", async () => {
  const stack = await startTestStack({
    gemini: { retiredModels: "routed" },
    functionUrl: { environment: { GEMINI_MODEL: "gemini-2.5-flash" } },
  });
  try {
    const { status, text } = await askAsAlice(stack, "where do I start?");
    expect(status).toBe(200);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(
      stack.logs.filter((line) =>
        line.includes("GEMINI_MODEL=gemini-2.5-flash is answered by gemini-3.5-flash-lite"),
      ),
    ).toHaveLength(1);
  } finally {
    await stack.close();
  }
});

it("a preview model answers, and the stub's log marks it as a preview", async () => {
  const stack = await startTestStack({
    functionUrl: { environment: { GEMINI_MODEL: "gemini-3.1-pro-preview" } },
  });
  try {
    const { status, text } = await askAsAlice(stack, "where do I start?");
    expect(status).toBe(200);
    expect(sseChunks(text).length).toBeGreaterThan(0);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(
      stack.logs.some((line) =>
        /gemini-3\.1-pro-preview:streamGenerateContent 200 .* preview model$/.test(line),
      ),
    ).toBe(true);
  } finally {
    await stack.close();
  }
});
