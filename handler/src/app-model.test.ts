/** The request flow against the model, through `@google/genai` and a Gemini stub on loopback. */
import { describe, expect, it } from "vitest";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { FakeResponseStream } from "./test-support/awslambda-double.js";
import { chatEvent, chunksOf, invoke, sseData } from "./test-support/harness.js";

const h = appHarnessForFile();

describe("the model call", () => {
  it("streams the answer in the pinned SSE format (docs/interfaces.md, SSE stream)", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(result.headers["cache-control"]).toBe("no-cache");
    expect(result.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body).toBe(
      'data: {"chunk":"Hello"}\n\ndata: {"chunk":", how can I help?"}\n\ndata: [DONE]\n\n',
    );
    // The prelude content type and 8 NUL bytes come before the body
    // (docs/platform-facts.md#streaming-handler).
    expect(result.stream.contentType).toBe("application/vnd.awslambda.http-integration-response");
    expect(result.stream.raw().includes(Buffer.alloc(8))).toBe(true);
  });

  it("sends the prompt to Gemini with the key in x-goog-api-key, history and query last", async () => {
    await invoke(
      h.build(),
      chatEvent(h.idp.mint(), {
        query: "What next?",
        userCode: "print(1)",
        problemDetails: { title: "Two Sum", description: "Find two numbers." },
        history: [
          { role: "user", content: "hi" },
          { role: "model", content: "hello" },
        ],
      }),
    );
    const request = h.stub.requests[0];
    expect(request?.path).toBe("/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse");
    // The default model is a Gemini 3.x model: thinking by level, low, under an 8192-token cap.
    expect(request?.body.generationConfig).toMatchObject({
      maxOutputTokens: 8192,
      thinkingConfig: { thinkingLevel: "LOW" },
    });
    expect(request?.apiKey).toBe(h.stub.apiKey);
    const contents = request?.body.contents ?? [];
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user", "model", "user"]);
    expect(contents.at(-1)?.parts[0]?.text).toBe("What next?");
    expect(contents[0]?.parts[0]?.text).toContain("<user_code>\nprint(1)\n</user_code>");
    expect(request?.body.systemInstruction?.parts?.[0]?.text).toContain("Never give a full solution");
  });

  it("maps a 429 with RetryInfo to 429 UPSTREAM_RATE_LIMITED with Retry-After", async () => {
    h.stub.scenario = {
      error: {
        status: 429,
        statusText: "RESOURCE_EXHAUSTED",
        message: "Quota exceeded",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "36.5s" }],
      },
    };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(result, 429, "UPSTREAM_RATE_LIMITED", "The model is rate limited; try again later.");
    expect(result.headers["retry-after"]).toBe("37");
  });

  it("maps a 503 UNAVAILABLE to 503 UPSTREAM_UNAVAILABLE", async () => {
    h.stub.scenario = {
      error: { status: 503, statusText: "UNAVAILABLE", message: "The model is overloaded." },
    };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(result, 503, "UPSTREAM_UNAVAILABLE", "The model is unavailable; try again shortly.");
  });

  it("maps a 500 to 502 UPSTREAM_ERROR", async () => {
    h.stub.scenario = { error: { status: 500, statusText: "INTERNAL", message: "boom" } };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(result, 502, "UPSTREAM_ERROR", "The model request failed (status 500).");
  });

  it("maps a bad API key (Google answers 400 API_KEY_INVALID) to 502 UPSTREAM_ERROR", async () => {
    const result = await invoke(h.build({ GEMINI_API_KEY: "wrong" }), chatEvent(h.idp.mint()));
    expectError(result, 502, "UPSTREAM_ERROR", "The model request failed (status 400).");
  });

  it("maps an unreachable model to 503 UPSTREAM_UNAVAILABLE", async () => {
    const result = await invoke(h.build({ GEMINI_BASE_URL: "http://127.0.0.1:9" }), chatEvent(h.idp.mint()));
    expectError(result, 503, "UPSTREAM_UNAVAILABLE", "The model could not be reached.");
  });

  it("surfaces a blocked prompt (promptFeedback.blockReason) as UPSTREAM_ERROR", async () => {
    h.stub.scenario = { blockReason: "SAFETY" };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(
      result,
      502,
      "UPSTREAM_ERROR",
      "The model declined to answer (prompt blocked: SAFETY). Try rephrasing the question.",
    );
  });

  it("SAFETY after some text ends the stream with an error event and no [DONE]", async () => {
    h.stub.scenario = { pieces: ["Let me ", "explain"], finishReason: "SAFETY" };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('data: {"chunk":"Let me "}\n\n');
    expect(
      result.body.endsWith(
        'event: error\ndata: {"error":{"code":"UPSTREAM_ERROR","message":"The model declined to answer (SAFETY). Try rephrasing the question."}}\n\n',
      ),
    ).toBe(true);
    expect(result.body).not.toContain("[DONE]");
  });

  it("a model that never answers gives 504 UPSTREAM_TIMEOUT after MODEL_TIMEOUT_MS", async () => {
    h.stub.scenario = { pieces: [], thenHang: true };
    const started = Date.now();
    const result = await invoke(h.build({ MODEL_TIMEOUT_MS: "300" }), chatEvent(h.idp.mint()));
    expectError(result, 504, "UPSTREAM_TIMEOUT", "The model did not answer in time.");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a timeout after output ends with event: error UPSTREAM_TIMEOUT and no [DONE]", async () => {
    h.stub.scenario = { pieces: ["Partial"], thenHang: true };
    const result = await invoke(h.build({ MODEL_TIMEOUT_MS: "400" }), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(
      'data: {"chunk":"Partial"}\n\nevent: error\ndata: {"error":{"code":"UPSTREAM_TIMEOUT","message":"The model did not answer in time."}}\n\n',
    );
  });

  it("a connection cut mid-stream ends with an error event", async () => {
    h.stub.scenario = { pieces: ["Partial"], thenDestroy: true };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    const last = sseData(result.body).at(-1) ?? "";
    expect(result.body).toContain("event: error\n");
    expect(JSON.parse(last).error.code).toMatch(/^UPSTREAM_(ERROR|UNAVAILABLE)$/);
    expect(result.body).not.toContain("[DONE]");
  });

  it("caps every model call with maxOutputTokens (MODEL_MAX_OUTPUT_TOKENS): Lambda never reports a viewer that left (aws/aws-lambda-nodejs-runtime-interface-client#145), so the cap bounds what a call nobody reads costs", async () => {
    await invoke(h.build(), chatEvent(h.idp.mint()));
    await invoke(h.build({ MODEL_MAX_OUTPUT_TOKENS: "256" }), chatEvent(h.idp.mint()));
    const caps = h.stub.requests.map(
      (r) =>
        (r.body as { generationConfig?: { maxOutputTokens?: number } }).generationConfig?.maxOutputTokens,
    );
    expect(caps).toEqual([8192, 256]);
  });

  it("an answer cut at maxOutputTokens (finishReason MAX_TOKENS) keeps its text but ends with an error event, not [DONE]", async () => {
    h.stub.scenario = { pieces: ["Start with", " the"], finishReason: "MAX_TOKENS" };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(chunksOf(result.body).join("")).toBe("Start with the");
    expect(JSON.parse(sseData(result.body).at(-1) ?? "{}").error.code).toBe("UPSTREAM_ERROR");
    expect(result.body).not.toContain("[DONE]");
  });

  it("a response stream that breaks anyway stops the model call (a guard only: Lambda does not report a gone viewer, aws/aws-lambda-nodejs-runtime-interface-client#145)", async () => {
    h.stub.scenario = { pieces: ["one", "two", "three", "four", "five"], delayMs: 150 };
    const stream = new FakeResponseStream();
    stream.onWrite = (chunk) => {
      if (chunk.toString().includes('"chunk"')) stream.destroy();
    };
    const aborted = h.stub.abortedRequests;
    const handler = h.build();
    await handler(
      chatEvent(h.idp.mint()),
      stream as unknown as awslambda.HttpResponseStream,
      {
        awsRequestId: "abc",
      } as never,
    );
    await expect.poll(() => h.stub.abortedRequests, { timeout: 3000 }).toBe(aborted + 1);
    expect(stream.raw().toString()).not.toContain("two");
    expect(JSON.parse(h.logs.at(-1) ?? "{}").outcome).toBe("CLIENT_GONE");
  });
});

describe("models Google no longer serves", () => {
  // Google's answer for a shut-down or unknown model (recorded: continuedev/continue#11337, 2026-03-12).
  const notFound = {
    status: 404,
    statusText: "NOT_FOUND",
    message:
      "models/gemini-2.5-flash is not found for API version v1beta, or is not supported for streamGenerateContent. Call ListModels to see the list of available models and their supported methods.",
  };

  it("404 NOT_FOUND becomes 502 UPSTREAM_ERROR, and an ERROR line names the model", async () => {
    h.stub.scenario = { error: notFound };
    const result = await invoke(h.build({ GEMINI_MODEL: "gemini-2.5-flash" }), chatEvent(h.idp.mint()));
    expectError(result, 502, "UPSTREAM_ERROR", "The configured model is not available.");
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.message === "upstream failure");
    expect(line).toMatchObject({ level: "ERROR", model: "gemini-2.5-flash" });
  });

  it("an answer from another model than the one asked for (Google routing a retired id) is streamed whole, with one warning per container", async () => {
    h.stub.scenario = { pieces: ["Hello"], modelVersion: "gemini-3.5-flash-lite" };
    const handler = h.build({ GEMINI_MODEL: "gemini-2.5-flash" });
    const first = await invoke(handler, chatEvent(h.idp.mint()));
    await invoke(handler, chatEvent(h.idp.mint()));
    expect(first.body).toBe('data: {"chunk":"Hello"}\n\ndata: [DONE]\n\n');
    const warnings = h.logs.map((l) => JSON.parse(l)).filter((l) => l.level === "WARN");
    expect(warnings.map((l) => l.message)).toEqual([
      "GEMINI_MODEL=gemini-2.5-flash is answered by gemini-3.5-flash-lite: Google routes this model id to another model (retired or deprecated); set GEMINI_MODEL to a current model (docs/lifecycle.md)",
    ]);
  });
});
