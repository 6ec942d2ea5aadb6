import { describe, expect, it } from "vitest";
import { type Frame, startStubForFile, textOf } from "./test-support/shared-stub.js";
import { postRaw, STREAM_PATH, sseFrames, userTurn } from "./test-support/stub-client.js";

const running = startStubForFile();

describe("2.5 models and errors inside a stream (platform-facts: Gemini errors, Gemini models and thinking)", () => {
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

  it("a thinking model reports thoughtsTokenCount in usageMetadata, apart from the candidates and in the total", async () => {
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
    // 2.5 Flash-Lite does not think unless asked (its thinkingBudget is off by default).
    const lite = sseFrames(
      (
        await postRaw(
          running,
          "/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse",
          userTurn("What is a heap?"),
        )
      ).text,
    );
    expect(lite.at(-1)?.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
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
