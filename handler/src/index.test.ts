import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { FakeResponseStream, STREAMING_SYMBOL } from "./test-support/awslambda-double.js";
import { lambdaContext } from "./test-support/events.js";
import { chatEvent, type Harness, startHarness } from "./test-support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // also installs the awslambda double on globalThis
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await h.close();
});

it("exports a streaming `handler` built from process.env at cold start", async () => {
  for (const [name, value] of Object.entries(h.env)) vi.stubEnv(name, value);
  vi.stubEnv("LOG_LEVEL", "silent");
  vi.resetModules();
  const { handler } = await import("./index.js");
  expect((handler as unknown as Record<symbol, unknown>)[STREAMING_SYMBOL]).toBe("response");
  const stream = new FakeResponseStream();
  await handler(chatEvent(h.idp.mint()), stream as unknown as awslambda.HttpResponseStream, lambdaContext());
  expect(stream.response().body).toBe('data: {"chunk":"Hello"}\n\ndata: [DONE]\n\n');
});

it("fails Init naming GEMINI_API_KEY and GEMINI_API_KEY_PARAMETER when neither is set", async () => {
  for (const [name, value] of Object.entries(h.env)) vi.stubEnv(name, value);
  vi.stubEnv("GEMINI_API_KEY", "");
  vi.stubEnv("GEMINI_API_KEY_PARAMETER", "");
  vi.resetModules();
  await expect(import("./index.js")).rejects.toThrow("Set GEMINI_API_KEY or GEMINI_API_KEY_PARAMETER");
});
