import request from "supertest";
import { describe, expect, it } from "vitest";
import { createGeminiServer } from "./server.js";
import { startStubForFile } from "./test-support/shared-stub.js";
import { GENERATE_PATH, postRaw, STREAM_PATH, userTurn } from "./test-support/stub-client.js";

const running = startStubForFile();

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
      model: "gemini-3.8-flash",
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
        .post("/v1beta/models/gemini-3.8-flash:countTokens")
        .set("x-goog-api-key", running.apiKey)
        .send(userTurn(text));
    }
    const texts = small.journal
      .list()
      .map((e) => (e.contents as { parts: { text: string }[] }[])[0]?.parts[0]?.text);
    expect(texts).toEqual(["c", "d", "e"]);
  });
});
