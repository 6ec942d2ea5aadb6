import request from "supertest";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer } from "./server.js";
import { type Frame, startStubForFile, textOf } from "./test-support/shared-stub.js";
import { GENERATE_PATH, postRaw, STREAM_PATH, sseFrames, userTurn } from "./test-support/stub-client.js";

const running = startStubForFile();

describe("wire format", () => {
  it("answers health on the reserved path", async () => {
    const stub = createGeminiServer({ config: defaultConfig().gemini });
    const res = await request(stub.app).get("/__emulator/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", service: "gemini" });
  });

  it("streams SSE as Google does: `data: <one-line JSON>\\r\\n\\r\\n`, role model, last frame STOP (platform-facts: Gemini wire format)", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("How do I reverse a linked list?"));
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/event-stream/);
    expect(res.text).not.toMatch(/^(:|event:|id:)/m);
    const frames = sseFrames(res.text) as Frame[];
    expect(frames.length).toBeGreaterThan(3);
    for (const frame of frames) {
      expect(frame.candidates?.[0]?.content?.role).toBe("model");
      expect(frame.candidates?.[0]?.index).toBe(0);
      expect(frame.modelVersion).toBe("gemini-3.8-flash");
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

  it("streams a JSON array without alt=sse (platform-facts: Gemini wire format)", async () => {
    const path = "/v1beta/models/gemini-3.8-flash:streamGenerateContent";
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
    const res = await postRaw(running, "/v1beta/models/gemini-3.8-flash:countTokens", userTurn("abcdefgh"));
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
    expect(res.body.models.map((m: { name: string }) => m.name)).toContain("models/gemini-3.8-flash");
  });
});
