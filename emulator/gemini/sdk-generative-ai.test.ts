/** Proof with the real legacy `@google/generative-ai` 0.24.1 SDK (the handler's second adapter). */

import {
  type GenerativeModel,
  GoogleGenerativeAI,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
} from "@google/generative-ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REDACTED } from "./journal.js";
import { type RunningStub, startStub } from "./test-support/stub-client.js";
import { tutorReply } from "./tutor-reply.js";

const MODEL = "gemini-2.5-flash";
let running: RunningStub;

function model(apiKey = running.apiKey, name = MODEL, systemInstruction?: string): GenerativeModel {
  const params = systemInstruction ? { model: name, systemInstruction } : { model: name };
  return new GoogleGenerativeAI(apiKey).getGenerativeModel(params, { baseUrl: running.url });
}

beforeAll(async () => {
  running = await startStub({ pieceSize: 20 });
});
afterAll(async () => {
  await running.stub.close();
});
beforeEach(() => {
  running.stub.setScenario(null);
  running.stub.journal.clear();
});

async function fetchErrorOf(promise: Promise<unknown>): Promise<GoogleGenerativeAIFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoogleGenerativeAIFetchError);
  return error as GoogleGenerativeAIFetchError;
}

async function streamText(prompt: string): Promise<string[]> {
  const result = await model().generateContentStream(prompt);
  const chunks: string[] = [];
  for await (const chunk of result.stream) chunks.push(chunk.text());
  return chunks;
}

describe("@google/generative-ai 0.24.1 against the stub", () => {
  it("streams the default reply in pieces; text and aggregated response equal the full reply", async () => {
    const question = "Why does my binary search loop forever?";
    const result = await model().generateContentStream(question);
    const chunks: string[] = [];
    for await (const chunk of result.stream) chunks.push(chunk.text());
    const expected = tutorReply(question);
    expect(chunks.length).toBe(Math.ceil(expected.length / 20));
    expect(chunks.join("")).toBe(expected);
    const aggregated = await result.response;
    expect(aggregated.text()).toBe(expected);
    // Without role "model" on every candidate the old SDK files the reply under "user" (aws-facts).
    expect(aggregated.candidates?.[0]?.content.role).toBe("model");
  });

  it("generateContent returns the whole reply", async () => {
    const result = await model().generateContent("What is a stack?");
    expect(result.response.text()).toBe(tutorReply("What is a stack?"));
  });

  it("a chat session keeps model turns as model and the journal shows the history sent", async () => {
    const history = [
      { role: "user", parts: [{ text: "Problem: valid parentheses" }] },
      { role: "model", parts: [{ text: "What data structure comes to mind?" }] },
    ];
    const chat = model(running.apiKey, MODEL, "Be a tutor.").startChat({ history: structuredClone(history) });
    const result = await chat.sendMessageStream("A stack?");
    for await (const _ of result.stream) {
      // drain
    }
    const [entry] = running.stub.journal.list();
    expect(entry?.contents).toEqual([...history, { role: "user", parts: [{ text: "A stack?" }] }]);
    expect(entry?.systemInstruction).toEqual({ role: "system", parts: [{ text: "Be a tutor." }] });
    expect(entry?.headers["x-goog-api-key"]).toBe(REDACTED);
    expect(entry?.headers["x-goog-api-client"]).toBe("genai-js/0.24.1");
    expect(JSON.stringify(running.stub.journal.list())).not.toContain(running.apiKey);
    const sent = await chat.getHistory();
    expect(sent.at(-1)?.role).toBe("model");
  });

  it.each([
    ["rate-limited", 429],
    ["server-error", 500],
    ["unavailable", 503],
  ])("scenario %s surfaces as GoogleGenerativeAIFetchError with status %i", async (name, status) => {
    running.stub.setScenario({ name: name as "rate-limited" });
    const streamed = await fetchErrorOf(model().generateContentStream("hi"));
    expect(streamed.status).toBe(status);
    expect((await fetchErrorOf(model().generateContent("hi"))).status).toBe(status);
  });

  it("rate-limited carries the RetryInfo detail in errorDetails", async () => {
    const error = await fetchErrorOf(model().generateContent("hi [[stub:rate-limited retryDelay=9s]]"));
    expect(error.errorDetails).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "9s",
    });
  });

  it("a wrong key surfaces as a 400 fetch error with reason API_KEY_INVALID", async () => {
    const error = await fetchErrorOf(model("wrong-key").generateContent("hi"));
    expect(error.status).toBe(400);
    expect(error.errorDetails?.[0]).toMatchObject({ reason: "API_KEY_INVALID" });
  });

  it("an unknown model surfaces as a 404 fetch error", async () => {
    expect((await fetchErrorOf(model(running.apiKey, "gemini-0-nano").generateContent("hi"))).status).toBe(
      404,
    );
  });

  it("safety-block: text() throws GoogleGenerativeAIResponseError (aws-facts: old SDK throws on .text())", async () => {
    running.stub.setScenario({ name: "safety-block" });
    const result = await model().generateContentStream("hi");
    const response = await result.response;
    expect(response.candidates?.[0]?.finishReason).toBe("SAFETY");
    expect(() => response.text()).toThrow(GoogleGenerativeAIResponseError);
    const whole = await model().generateContent("hi");
    expect(() => whole.response.text()).toThrow(/SAFETY/);
  });

  it("prompt-blocked: text() throws, naming the block reason", async () => {
    const result = await model().generateContent("[[stub:prompt-blocked]]");
    expect(result.response.promptFeedback?.blockReason).toBe("SAFETY");
    expect(() => result.response.text()).toThrow(GoogleGenerativeAIResponseError);
  });

  it("the [[stub:NAME]] marker works through the old SDK", async () => {
    expect((await fetchErrorOf(model().generateContentStream("[[stub:server-error]] hi"))).status).toBe(500);
    const chunks = await streamText("[[stub:paced pieces=4 delayMs=5]] hi");
    expect(chunks).toHaveLength(4);
  });

  it("a caller that aborts mid-stream (AbortSignal) shows as aborted in the journal", async () => {
    running.stub.setScenario({ name: "paced", pieces: 30, delayMs: 40 });
    const controller = new AbortController();
    const result = await model().generateContentStream("hi", { signal: controller.signal });
    let received = 0;
    await expect(
      (async () => {
        for await (const _ of result.stream) {
          received++;
          if (received === 2) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    result.response.catch(() => {}); // settled by the abort too; not under test here
    const entry = await running.stub.journal.waitFor((e) => e.aborted);
    expect(entry).toMatchObject({ scenario: "paced", completed: false });
  });

  it("drop-mid-stream surfaces as an error after some chunks", async () => {
    const result = await model().generateContentStream("[[stub:drop-mid-stream afterPieces=2]] hi");
    result.response.catch(() => {}); // rejects too; the stream is what is under test
    const chunks: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of result.stream) chunks.push(chunk.text());
      })(),
    ).rejects.toThrow();
    expect(chunks).toHaveLength(2);
  });

  it("error-mid-stream: the old SDK does NOT throw; it yields the error frame as a chunk with empty text() (0.24.1 getResponseStream)", async () => {
    const result = await model().generateContentStream("[[stub:error-mid-stream afterPieces=2]] hi");
    const chunks: { text: string; error?: unknown }[] = [];
    for await (const chunk of result.stream) {
      chunks.push({ text: chunk.text(), error: (chunk as { error?: unknown }).error });
    }
    // So a caller must look for `error` in each chunk itself: the aggregate looks like a normal answer.
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toEqual({
      text: "",
      error: {
        code: 503,
        message: "The model is overloaded. Please try again later.",
        status: "UNAVAILABLE",
      },
    });
    expect((await result.response).text()).toBe(chunks[0]?.text + (chunks[1]?.text ?? ""));
  });
});
