import request from "supertest";
import { describe, expect, it } from "vitest";
import { type Frame, startStubForFile, textOf } from "./test-support/shared-stub.js";
import { GENERATE_PATH, postRaw, STREAM_PATH, sseFrames, userTurn } from "./test-support/stub-client.js";

const running = startStubForFile();

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
  ])("%s answers %i %s (platform-facts: Gemini errors)", async (name, status, googleStatus) => {
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
