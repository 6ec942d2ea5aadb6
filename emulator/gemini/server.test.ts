import { Socket } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer } from "./server.js";
import {
  GENERATE_PATH,
  postRaw,
  type RunningStub,
  STREAM_PATH,
  sseFrames,
  startStub,
  userTurn,
} from "./test-support/stub-client.js";

type Frame = {
  candidates?: {
    content?: { parts: { text: string }[]; role: string };
    finishReason?: string;
    index: number;
    safetyRatings?: unknown[];
  }[];
  promptFeedback?: { blockReason: string };
  usageMetadata?: { promptTokenCount: number; totalTokenCount: number; candidatesTokenCount?: number };
  modelVersion?: string;
};

const textOf = (frames: Frame[]): string =>
  frames.map((frame) => frame.candidates?.[0]?.content?.parts[0]?.text ?? "").join("");

let running: RunningStub;
beforeAll(async () => {
  running = await startStub();
});
afterAll(async () => {
  await running.stub.close();
});
beforeEach(() => {
  running.stub.setScenario(null);
  running.stub.journal.clear();
});

describe("wire format", () => {
  it("answers health on the reserved path", async () => {
    const stub = createGeminiServer({ config: defaultConfig().gemini });
    const res = await request(stub.app).get("/__emulator/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", service: "gemini" });
  });

  it("streams SSE as Google does: `data: <one-line JSON>\\r\\n\\r\\n`, role model, last frame STOP (aws-facts: Gemini wire format)", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("How do I reverse a linked list?"));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/event-stream/);
    expect(res.text).not.toMatch(/^(:|event:|id:)/m);
    const frames = sseFrames(res.text) as Frame[];
    expect(frames.length).toBeGreaterThan(3);
    for (const frame of frames) {
      expect(frame.candidates?.[0]?.content?.role).toBe("model");
      expect(frame.candidates?.[0]?.index).toBe(0);
      expect(frame.modelVersion).toBe("gemini-2.5-flash");
    }
    expect(frames.slice(0, -1).every((frame) => frame.candidates?.[0]?.finishReason === undefined)).toBe(
      true,
    );
    const last = frames.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(last?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    expect(textOf(frames)).toContain('"How do I reverse a linked list?"');
  });

  it("splits the reply into pieces of pieceSize characters", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("What is recursion?"));
    const pieces = (sseFrames(res.text) as Frame[]).map(
      (f) => f.candidates?.[0]?.content?.parts[0]?.text ?? "",
    );
    expect(pieces.slice(0, -1).every((piece) => piece.length === running.config.pieceSize)).toBe(true);
    expect(pieces.at(-1)?.length).toBeLessThanOrEqual(running.config.pieceSize);
  });

  it("streams a JSON array without alt=sse (aws-facts: Gemini wire format)", async () => {
    const path = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    const res = await postRaw(running, path, userTurn("Why is my loop slow?"));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    const frames = JSON.parse(res.text) as Frame[];
    expect(Array.isArray(frames)).toBe(true);
    expect(frames.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
    const sse = sseFrames(
      (await postRaw(running, STREAM_PATH, userTurn("Why is my loop slow?"))).text,
    ) as Frame[];
    expect(textOf(frames)).toBe(textOf(sse));
  });

  it("answers :generateContent with one JSON holding the whole reply", async () => {
    const res = await postRaw(running, GENERATE_PATH, userTurn("What is recursion?"));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Frame;
    expect(body.candidates?.[0]?.finishReason).toBe("STOP");
    const streamed = sseFrames((await postRaw(running, STREAM_PATH, userTurn("What is recursion?"))).text);
    expect(body.candidates?.[0]?.content?.parts[0]?.text).toBe(textOf(streamed as Frame[]));
  });

  it("answers :countTokens", async () => {
    const res = await postRaw(running, "/v1beta/models/gemini-2.5-flash:countTokens", userTurn("abcdefgh"));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ totalTokens: 2 });
  });

  it("accepts the key in the `key` query parameter", async () => {
    const res = await postRaw(running, `${GENERATE_PATH}?key=${running.apiKey}`, userTurn("hi"), {});
    expect(res.status).toBe(200);
    const [entry] = running.stub.journal.list();
    expect(entry?.keyInQuery).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(running.apiKey);
  });

  it("lists the configured models", async () => {
    const res = await request(running.stub.app).get("/v1beta/models").set("x-goog-api-key", running.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { name: string }) => m.name)).toContain("models/gemini-2.5-flash");
  });
});

describe("errors in Google's form", () => {
  it("answers a wrong key with 400 INVALID_ARGUMENT / API_KEY_INVALID, not 401 (aws-facts: Gemini errors)", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("hi"), { "x-goog-api-key": "wrong-key" });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/json/);
    const { error } = JSON.parse(res.text);
    expect(error).toMatchObject({
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
    });
    expect(error.details[0]).toMatchObject({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
    });
  });

  it.each([
    ["no key header or parameter", {}, STREAM_PATH],
    ["an empty key header", { "x-goog-api-key": "" }, STREAM_PATH],
    ["no key on ListModels", {}, "/v1beta/models"],
  ])(
    "answers %s with 403 PERMISSION_DENIED 'unregistered callers' (recorded: PublicAffairs/openai-gemini#92)",
    async (_, headers, path) => {
      const res =
        path === STREAM_PATH
          ? await postRaw(running, path, userTurn("hi"), headers)
          : await fetch(`${running.url}${path}`).then(async (r) => ({
              status: r.status,
              contentType: r.headers.get("content-type") ?? "",
              text: await r.text(),
            }));
      expect(res.status).toBe(403);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toEqual({
        error: {
          code: 403,
          message:
            "Method doesn't allow unregistered callers (callers without established identity). " +
            "Please use API Key or other form of API consumer identity to call this API.",
          status: "PERMISSION_DENIED",
        },
      });
    },
  );

  it("answers an unknown model with 404 NOT_FOUND", async () => {
    const res = await postRaw(running, "/v1beta/models/gemini-9-ultra:generateContent", userTurn("hi"));
    expect(res.status).toBe(404);
    const { error } = JSON.parse(res.text);
    expect(error.status).toBe("NOT_FOUND");
    expect(error.message).toContain("models/gemini-9-ultra is not found for API version v1beta");
  });

  it("answers a request without contents with 400 INVALID_ARGUMENT", async () => {
    const res = await postRaw(running, GENERATE_PATH, { contents: [] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toContain("contents is not specified");
    const bad = await postRaw(running, GENERATE_PATH, "{not json");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.status).toBe("INVALID_ARGUMENT");
  });
});

describe("scenarios", () => {
  it("PUT/GET/DELETE /_stub/scenario selects, shows and resets the scenario", async () => {
    const app = running.stub.app;
    expect((await request(app).get("/_stub/scenario")).body).toEqual({ name: null });
    const put = await request(app).put("/_stub/scenario").send({ name: "rate-limited", retryDelay: "12s" });
    expect(put.status).toBe(200);
    expect((await request(app).get("/_stub/scenario")).body).toEqual({
      name: "rate-limited",
      retryDelay: "12s",
    });
    const res = await postRaw(running, STREAM_PATH, userTurn("hi"));
    expect(res.status).toBe(429);
    expect(JSON.parse(res.text).error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "12s",
    });
    await request(app).put("/_stub/scenario").send({ name: "default" });
    expect((await request(app).get("/_stub/scenario")).body).toEqual({ name: null });
    await request(app).put("/_stub/scenario").send({ name: "unavailable" });
    await request(app).put("/_stub/scenario").send({ name: null });
    expect((await postRaw(running, STREAM_PATH, userTurn("hi"))).status).toBe(200);
  });

  it("refuses an unknown scenario name or a bad param with 400", async () => {
    const unknown = await request(running.stub.app).put("/_stub/scenario").send({ name: "explode" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("Unknown scenario");
    const bad = await request(running.stub.app).put("/_stub/scenario").send({ name: "paced", pieces: -1 });
    expect(bad.status).toBe(400);
  });

  it.each([
    ["rate-limited", 429, "RESOURCE_EXHAUSTED"],
    ["server-error", 500, "INTERNAL"],
    ["unavailable", 503, "UNAVAILABLE"],
  ])("%s answers %i %s (aws-facts: Gemini errors)", async (name, status, googleStatus) => {
    running.stub.setScenario({ name: name as "rate-limited" });
    for (const path of [STREAM_PATH, GENERATE_PATH]) {
      const res = await postRaw(running, path, userTurn("hi"));
      expect(res.status).toBe(status);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(res.text).error).toMatchObject({ code: status, status: googleStatus });
    }
  });

  it("a [[stub:NAME]] marker in the last user message overrides the selected scenario", async () => {
    running.stub.setScenario({ name: "server-error" });
    const res = await postRaw(running, STREAM_PATH, userTurn("hi [[stub:rate-limited retryDelay=3s]]"));
    expect(res.status).toBe(429);
    expect(res.text).toContain('"retryDelay": "3s"');
    const reset = await postRaw(running, STREAM_PATH, userTurn("what is a hash map? [[stub:default]]"));
    expect(reset.status).toBe(200);
    expect(reset.text).not.toContain("[[stub");
    expect(running.stub.journal.list().map((e) => e.scenario)).toEqual(["rate-limited", null]);
  });

  it("a marker in an earlier turn has no effect", async () => {
    const res = await postRaw(running, STREAM_PATH, {
      contents: [
        { role: "user", parts: [{ text: "[[stub:server-error]]" }] },
        { role: "model", parts: [{ text: "ok" }] },
        { role: "user", parts: [{ text: "and now?" }] },
      ],
    });
    expect(res.status).toBe(200);
  });

  it("an unknown marker answers 400 naming the stub, so a typo is not mistaken for a reply", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:nope]]"));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toMatch(/^Stub: Unknown scenario/);
  });

  it("safety-block sends a frame with finishReason SAFETY and safetyRatings", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:safety-block afterPieces=2]] hi"));
    const frames = sseFrames(res.text) as Frame[];
    expect(frames).toHaveLength(3);
    const last = frames.at(-1)?.candidates?.[0];
    expect(last?.finishReason).toBe("SAFETY");
    expect(last?.content).toBeUndefined();
    expect(last?.safetyRatings?.length).toBeGreaterThan(0);
  });

  it("prompt-blocked sends promptFeedback.blockReason and no candidates", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:prompt-blocked]]"));
    const frames = sseFrames(res.text) as Frame[];
    expect(frames).toHaveLength(1);
    expect(frames[0]?.promptFeedback?.blockReason).toBe("SAFETY");
    expect(frames[0]?.candidates).toBeUndefined();
  });

  it("long-code answers with a fenced code block of about 40 lines", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:long-code]] solve it for me"));
    const text = textOf(sseFrames(res.text) as Frame[]);
    const block = /```python\n([\s\S]*?)\n```/.exec(text);
    expect(block?.[1]?.split("\n")).toHaveLength(40);
  });

  it("long-answer streams 200 pieces by default", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:long-answer]]"));
    const frames = sseFrames(res.text) as Frame[];
    expect(frames).toHaveLength(200);
    expect(frames.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("paced sends exactly `pieces` frames `delayMs` apart", async () => {
    const started = Date.now();
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:paced pieces=5 delayMs=60]] hi"));
    expect(sseFrames(res.text)).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 60 - 5);
  });

  it("slow-first-token holds the first frame for `ms`", async () => {
    const started = Date.now();
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:slow-first-token ms=300]] hi"));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });

  it("stall-mid-stream goes silent after some frames for `ms`, then finishes", async () => {
    const response = await fetch(`${running.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "x-goog-api-key": running.apiKey },
      body: JSON.stringify(userTurn("[[stub:stall-mid-stream ms=400 afterPieces=2]] hi")),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const arrivals: { at: number; frames: number }[] = [];
    const started = Date.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      arrivals.push({ at: Date.now() - started, frames: text.split("\r\n\r\n").length - 1 });
    }
    // Measured as the gap between frame 2 and frame 3, so a busy machine cannot make it flaky.
    const secondAt = arrivals.find((a) => a.frames >= 2)?.at ?? Number.NaN;
    const thirdAt = arrivals.find((a) => a.frames >= 3)?.at ?? Number.NaN;
    expect(arrivals.find((a) => a.frames >= 2)?.frames).toBe(2);
    expect(thirdAt - secondAt).toBeGreaterThanOrEqual(390);
    expect((sseFrames(text) as Frame[]).at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("drop-mid-stream cuts the connection after some frames", async () => {
    const response = await fetch(`${running.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "x-goog-api-key": running.apiKey },
      body: JSON.stringify(userTurn("[[stub:drop-mid-stream afterPieces=2]] hi")),
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const entry = await running.stub.journal.waitFor(
      (e) => e.scenario === "drop-mid-stream" && e.status !== null,
    );
    expect(entry).toMatchObject({ aborted: false, completed: false });
  });
});

describe("journal", () => {
  it("records what was sent, oldest first, with the key and authorization redacted", async () => {
    const systemInstruction = { parts: [{ text: "You are a tutor." }] };
    const body = {
      ...userTurn("first"),
      systemInstruction,
      generationConfig: { temperature: 0.2 },
      safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }],
    };
    await postRaw(running, STREAM_PATH, body, {
      "x-goog-api-key": running.apiKey,
      authorization: "Bearer abc",
    });
    await postRaw(running, GENERATE_PATH, userTurn("second"));
    const res = await request(running.stub.app).get("/_stub/requests");
    expect(res.status).toBe(200);
    const [first, second] = res.body.requests;
    expect(first).toMatchObject({
      model: "gemini-2.5-flash",
      method: "stream",
      alt: "sse",
      contents: body.contents,
      systemInstruction,
      generationConfig: { temperature: 0.2 },
      safetySettings: body.safetySettings,
      scenario: null,
      status: 200,
      aborted: false,
      completed: true,
    });
    expect(first.headers["x-goog-api-key"]).toBe("[REDACTED]");
    expect(first.headers.authorization).toBe("[REDACTED]");
    expect(second).toMatchObject({ method: "generate", contents: [{ parts: [{ text: "second" }] }] });
    expect(JSON.stringify(res.body)).not.toContain(running.apiKey);

    expect((await request(running.stub.app).delete("/_stub/requests")).status).toBe(204);
    expect((await request(running.stub.app).get("/_stub/requests")).body).toEqual({ requests: [] });
  });

  it("records refused requests too", async () => {
    await postRaw(running, STREAM_PATH, userTurn("hi"), { "x-goog-api-key": "nope" });
    const [entry] = running.stub.journal.list();
    expect(entry).toMatchObject({ status: 400, completed: true });
    expect(entry?.headers["x-goog-api-key"]).toBe("[REDACTED]");
  });

  it("marks a caller that goes away mid-stream as aborted", async () => {
    const controller = new AbortController();
    const response = await fetch(`${running.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "x-goog-api-key": running.apiKey },
      body: JSON.stringify(userTurn("[[stub:paced pieces=20 delayMs=50]] hi")),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    const entry = await running.stub.journal.waitFor((e) => e.aborted);
    expect(entry).toMatchObject({ scenario: "paced", completed: false, status: 200 });
  });

  it("keeps only the newest entries past its limit", async () => {
    const small = createGeminiServer({ config: { ...running.config }, journalLimit: 3 });
    for (const text of ["a", "b", "c", "d", "e"]) {
      await request(small.app)
        .post("/v1beta/models/gemini-2.5-flash:countTokens")
        .set("x-goog-api-key", running.apiKey)
        .send(userTurn(text));
    }
    const texts = small.journal
      .list()
      .map((e) => (e.contents as { parts: { text: string }[] }[])[0]?.parts[0]?.text);
    expect(texts).toEqual(["c", "d", "e"]);
  });
});

describe("lifecycle", () => {
  it("close() ends a stalled stream at once instead of waiting out its timer", async () => {
    const own = await startStub();
    const response = await fetch(`${own.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "x-goog-api-key": own.apiKey },
      body: JSON.stringify(userTurn("[[stub:stall-mid-stream ms=600000]] hi")),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = Date.now();
    await own.stub.close();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("listen() reports the ephemeral port and close() frees it", async () => {
    const stub = createGeminiServer({ config: defaultConfig().gemini });
    const { port, url } = await stub.listen(0, "127.0.0.1");
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await stub.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("error", () => resolve(true));
      socket.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(false);
      });
    });
    expect(refused).toBe(true);
  });
});

describe("2.5 models and errors inside a stream (aws-facts: Where the first emulator diverged, Gemini API)", () => {
  it('error-mid-stream: 200, two text frames, then `data: {"error":{code,message,status}}` and the end', async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("[[stub:error-mid-stream]] hi"));
    expect(res.status).toBe(200);
    const frames = sseFrames(res.text);
    expect(frames).toHaveLength(3);
    expect(textOf(frames.slice(0, 2) as Frame[]).length).toBeGreaterThan(0);
    expect(frames[2]).toEqual({
      error: {
        code: 503,
        message: "The model is overloaded. Please try again later.",
        status: "UNAVAILABLE",
      },
    });
    expect(running.stub.journal.list()[0]).toMatchObject({ scenario: "error-mid-stream", completed: true });
  });

  it("error-mid-stream takes the frame's code and where it comes; unknown codes are refused", async () => {
    const res = await postRaw(
      running,
      STREAM_PATH,
      userTurn("[[stub:error-mid-stream code=500 afterPieces=0]] hi"),
    );
    expect(sseFrames(res.text)).toEqual([
      { error: expect.objectContaining({ code: 500, status: "INTERNAL" }) },
    ]);
    const bad = await postRaw(running, STREAM_PATH, userTurn("[[stub:error-mid-stream code=418]] hi"));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.message).toContain("code must be one of 400, 429, 500, 503, 504");
  });

  it("a 2.5 model reports thoughtsTokenCount in usageMetadata, apart from the candidates and in the total", async () => {
    const frames = sseFrames((await postRaw(running, STREAM_PATH, userTurn("What is a heap?"))).text);
    const usage = frames.at(-1)?.usageMetadata as {
      promptTokenCount: number;
      candidatesTokenCount: number;
      thoughtsTokenCount: number;
      totalTokenCount: number;
      promptTokensDetails: unknown;
    };
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(
      usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount,
    );
    expect(usage.promptTokensDetails).toEqual([{ modality: "TEXT", tokenCount: usage.promptTokenCount }]);
    const older = sseFrames(
      (
        await postRaw(
          running,
          "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
          userTurn("What is a heap?"),
        )
      ).text,
    );
    expect(older.at(-1)?.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
  });

  it("thinking: the first frame waits `ms`, and usageMetadata reports `thoughtsTokens`", async () => {
    const started = Date.now();
    const res = await postRaw(
      running,
      STREAM_PATH,
      userTurn("[[stub:thinking ms=300 thoughtsTokens=777]] hi"),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    const usage = sseFrames(res.text).at(-1)?.usageMetadata as Record<string, number>;
    expect(usage.thoughtsTokenCount).toBe(777);
  });
});
