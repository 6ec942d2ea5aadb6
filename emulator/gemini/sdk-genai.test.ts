/** Proof with the real `@google/genai` 2.x SDK (the handler's default adapter) over real HTTP. */

import { ApiError, FinishReason, GoogleGenAI, ThinkingLevel } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REDACTED } from "./journal.js";
import { type RunningStub, startStub } from "./test-support/stub-client.js";
import { tutorReply } from "./tutor-reply.js";

const MODEL = "gemini-3.8-flash";
let running: RunningStub;
let ai: GoogleGenAI;

beforeAll(async () => {
  running = await startStub({ pieceSize: 16 });
  // The SDK appends /v1beta itself (docs/platform-facts.md#gemini-wire-format).
  ai = new GoogleGenAI({ apiKey: running.apiKey, httpOptions: { baseUrl: running.url } });
});
afterAll(async () => {
  await running.stub.close();
});
beforeEach(() => {
  running.stub.setScenario(null);
  running.stub.journal.clear();
});

async function collect(contents: string, signal?: AbortSignal) {
  const chunks: string[] = [];
  const stream = await ai.models.generateContentStream({
    model: MODEL,
    contents,
    config: signal ? { abortSignal: signal } : {},
  });
  for await (const chunk of stream) chunks.push(chunk.text ?? "");
  return chunks;
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("@google/genai against the stub", () => {
  it("streams the default reply in pieces; the text equals the full reply", async () => {
    const question = "How do I find duplicates in an array?";
    const chunks = await collect(question);
    const expected = tutorReply(question);
    expect(chunks.length).toBe(Math.ceil(expected.length / 16));
    expect(chunks.join("")).toBe(expected);
  });

  it("generateContent returns the whole reply with finishReason STOP", async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: "What is recursion?" });
    expect(response.text).toBe(tutorReply("What is recursion?"));
    expect(response.candidates?.[0]?.finishReason).toBe(FinishReason.STOP);
    expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
  });

  it("maxOutputTokens cuts the reply at the cap with finishReason MAX_TOKENS (Gemini API FinishReason)", async () => {
    const question = "[[stub:long-answer pieces=100]] explain";
    // At MINIMAL, 3.6 Flash spends no thought tokens: the whole cap goes to the answer.
    const stream = await ai.models.generateContentStream({
      model: "gemini-3.6-flash",
      contents: question,
      config: { maxOutputTokens: 50, thinkingConfig: { thinkingLevel: ThinkingLevel.MINIMAL } },
    });
    let text = "";
    let last: { finishReason?: string; tokens?: number } = {};
    for await (const chunk of stream) {
      text += chunk.text ?? "";
      last = {
        finishReason: chunk.candidates?.[0]?.finishReason,
        tokens: chunk.usageMetadata?.candidatesTokenCount,
      };
    }
    expect(text.length).toBe(200);
    expect(last).toEqual({ finishReason: FinishReason.MAX_TOKENS, tokens: 50 });
    const entry = running.stub.journal.list().at(-1);
    expect(entry?.generationConfig).toMatchObject({
      maxOutputTokens: 50,
      thinkingConfig: { thinkingLevel: "MINIMAL" },
    });
    expect(entry?.completed).toBe(true);
  });

  it("countTokens works", async () => {
    const response = await ai.models.countTokens({ model: MODEL, contents: "count these words" });
    expect(response.totalTokens).toBeGreaterThan(0);
  });

  it("the journal shows exactly what the SDK sent, key redacted", async () => {
    const contents = [
      { role: "user", parts: [{ text: "Problem: two sum" }] },
      { role: "model", parts: [{ text: "What have you tried?" }] },
      { role: "user", parts: [{ text: "A nested loop, is that too slow?" }] },
    ];
    const systemInstruction = "You are a patient tutor. Never give full solutions.";
    const stream = await ai.models.generateContentStream({
      model: MODEL,
      contents,
      config: { systemInstruction, temperature: 0.3, maxOutputTokens: 512 },
    });
    for await (const _ of stream) {
      // drain
    }
    const [entry] = running.stub.journal.list();
    expect(entry).toMatchObject({ model: MODEL, method: "stream", alt: "sse", contents, completed: true });
    expect(entry?.systemInstruction).toEqual({ parts: [{ text: systemInstruction }], role: "user" });
    expect(entry?.generationConfig).toEqual({ temperature: 0.3, maxOutputTokens: 512 });
    expect(entry?.headers["x-goog-api-key"]).toBe(REDACTED);
    expect(entry?.headers["x-goog-api-client"]).toMatch(/^google-genai-sdk\//);
    expect(JSON.stringify(running.stub.journal.list())).not.toContain(running.apiKey);
  });

  it.each([
    ["rate-limited", 429],
    ["server-error", 500],
    ["unavailable", 503],
  ])("scenario %s surfaces as ApiError with status %i (stream and generate)", async (name, status) => {
    running.stub.setScenario({ name: name as "rate-limited" });
    expect((await apiErrorOf(collect("hi"))).status).toBe(status);
    const error = await apiErrorOf(ai.models.generateContent({ model: MODEL, contents: "hi" }));
    expect(error.status).toBe(status);
    // The SDK parses Google's JSON body into its message only for application/json
    // (docs/platform-facts.md#gemini-errors).
    expect(JSON.parse(error.message).error.code).toBe(status);
  });

  it("a wrong key surfaces as ApiError 400 API_KEY_INVALID", async () => {
    const wrong = new GoogleGenAI({ apiKey: "not-the-key", httpOptions: { baseUrl: running.url } });
    const error = await apiErrorOf(wrong.models.generateContent({ model: MODEL, contents: "hi" }));
    expect(error.status).toBe(400);
    expect(error.message).toContain("API_KEY_INVALID");
  });

  it("an unknown model surfaces as ApiError 404", async () => {
    const error = await apiErrorOf(ai.models.generateContent({ model: "gemini-0-nano", contents: "hi" }));
    expect(error.status).toBe(404);
  });

  it("safety-block: no throw; the last chunk has finishReason SAFETY (platform-facts: the SDK does not throw)", async () => {
    running.stub.setScenario({ name: "safety-block", afterPieces: 1 });
    const stream = await ai.models.generateContentStream({ model: MODEL, contents: "hi" });
    const reasons: (string | undefined)[] = [];
    for await (const chunk of stream) reasons.push(chunk.candidates?.[0]?.finishReason);
    expect(reasons.at(-1)).toBe(FinishReason.SAFETY);
  });

  it("prompt-blocked: promptFeedback.blockReason is SAFETY", async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: "[[stub:prompt-blocked]]" });
    expect(response.promptFeedback?.blockReason).toBe("SAFETY");
    expect(response.text).toBeUndefined();
    const stream = await ai.models.generateContentStream({
      model: MODEL,
      contents: "[[stub:prompt-blocked]]",
    });
    const feedback: (string | undefined)[] = [];
    for await (const chunk of stream) feedback.push(chunk.promptFeedback?.blockReason);
    expect(feedback).toEqual(["SAFETY"]);
  });

  it("a [[stub:NAME]] marker in the query selects the scenario for that request only", async () => {
    expect((await apiErrorOf(collect("help me [[stub:unavailable]]"))).status).toBe(503);
    expect((await collect("help me")).join("")).toBe(tutorReply("help me"));
  });

  it("long-code streams a reply with a fenced code block", async () => {
    const text = (await collect("[[stub:long-code lines=30]] write it")).join("");
    expect(text).toMatch(/```python\n(?:.*\n){30}```/);
  });

  it("a caller that aborts mid-stream shows as aborted in the journal", async () => {
    running.stub.setScenario({ name: "paced", pieces: 30, delayMs: 40 });
    const controller = new AbortController();
    const stream = await ai.models.generateContentStream({
      model: MODEL,
      contents: "hi",
      config: { abortSignal: controller.signal },
    });
    let received = 0;
    await expect(
      (async () => {
        for await (const _ of stream) {
          received++;
          if (received === 2) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    const entry = await running.stub.journal.waitFor((e) => e.aborted);
    expect(entry).toMatchObject({ scenario: "paced", completed: false });
  });

  it("drop-mid-stream surfaces as an error after some chunks", async () => {
    running.stub.setScenario({ name: "drop-mid-stream", afterPieces: 2 });
    const chunks: string[] = [];
    await expect(
      (async () => {
        const stream = await ai.models.generateContentStream({ model: MODEL, contents: "hi" });
        for await (const chunk of stream) chunks.push(chunk.text ?? "");
      })(),
    ).rejects.toThrow();
    expect(chunks).toHaveLength(2);
  });

  it("error-mid-stream: the SDK raises ApiError with the frame's code after the chunks before it (throwIfStreamErrorChunk)", async () => {
    const chunks: string[] = [];
    const error = await apiErrorOf(
      (async () => {
        const stream = await ai.models.generateContentStream({
          model: MODEL,
          contents: "[[stub:error-mid-stream code=503 afterPieces=2]] hi",
        });
        for await (const chunk of stream) chunks.push(chunk.text ?? "");
      })(),
    );
    expect(chunks).toHaveLength(2);
    expect(error.status).toBe(503);
    expect(error.message).toContain("UNAVAILABLE");
  });

  it("usageMetadata of a 2.5 model carries thoughtsTokenCount through the SDK's types", async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: "What is a trie?" });
    expect(response.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
  });
});
