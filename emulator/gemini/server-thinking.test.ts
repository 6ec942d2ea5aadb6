/**
 * Thinking as the Gemini API does it (thinking.ts): the level or budget the model's family takes, the
 * thought tokens taken out of `maxOutputTokens` before the answer, and the answers that leaves: cut
 * text or none at all, ending MAX_TOKENS, with `thoughtsTokenCount` as Google reports it.
 */
import { FinishReason, GoogleGenAI } from "@google/genai";
import { describe, expect, it } from "vitest";
import { startStubForFile } from "./test-support/shared-stub.js";
import { postRaw, sseFrames } from "./test-support/stub-client.js";
import { THOUGHTS_AT_LEVEL } from "./thinking.js";

const running = startStubForFile();
const pathOf = (model: string) => `/v1beta/models/${model}:streamGenerateContent?alt=sse`;
const ask = (text: string, generationConfig: Record<string, unknown> = {}) => ({
  contents: [{ role: "user", parts: [{ text }] }],
  generationConfig,
});
type Usage = {
  promptTokenCount: number;
  candidatesTokenCount: number;
  thoughtsTokenCount?: number;
  totalTokenCount: number;
};

async function stream(model: string, body: unknown) {
  const res = await postRaw(running, pathOf(model), body);
  const frames = res.status === 200 ? sseFrames(res.text) : [];
  const last = frames.at(-1) as
    | { candidates: { finishReason: string; content: Record<string, unknown> }[]; usageMetadata: Usage }
    | undefined;
  const text = frames
    .map(
      (f) =>
        (f.candidates as { content?: { parts?: { text: string }[] } }[] | undefined)?.[0]?.content?.parts?.[0]
          ?.text ?? "",
    )
    .join("");
  return { res, frames, last, text };
}

describe("thought tokens come out of maxOutputTokens", () => {
  it("3.8 Flash at LOW under a cap of 1100: the thoughts take 1024, the answer is cut at the 76 left, MAX_TOKENS", async () => {
    const { last, text } = await stream(
      "gemini-3.8-flash",
      ask("[[stub:long-answer pieces=100]] explain", {
        maxOutputTokens: 1100,
        thinkingConfig: { thinkingLevel: "LOW" },
      }),
    );
    expect(text).toHaveLength(76 * 4);
    expect(last?.candidates[0]?.finishReason).toBe("MAX_TOKENS");
    expect(last?.usageMetadata).toMatchObject({ thoughtsTokenCount: 1024, candidatesTokenCount: 76 });
    expect(last?.usageMetadata.totalTokenCount).toBe((last?.usageMetadata.promptTokenCount ?? 0) + 1100);
  });

  it("with room left the same answer is whole and ends STOP; no level given means the model's default (3.8 Flash: medium)", async () => {
    const { last } = await stream(
      "gemini-3.8-flash",
      ask("[[stub:long-answer pieces=100]] explain", { maxOutputTokens: 8192 }),
    );
    expect(last?.candidates[0]?.finishReason).toBe("STOP");
    expect(last?.usageMetadata.thoughtsTokenCount).toBe(THOUGHTS_AT_LEVEL.medium);
  });

  it("thinking-cut: the thinking leaves 16 tokens, so the answer is cut text ending MAX_TOKENS", async () => {
    const { last, text } = await stream(
      "gemini-3.8-flash",
      ask("[[stub:thinking-cut]] explain recursion", { maxOutputTokens: 4096 }),
    );
    expect(text).toHaveLength(64);
    expect(last?.candidates[0]?.finishReason).toBe("MAX_TOKENS");
    expect(last?.usageMetadata).toMatchObject({ thoughtsTokenCount: 4080, candidatesTokenCount: 16 });
  });

  it("thinking-empty: the thinking uses up the cap, so there is no text at all and MAX_TOKENS", async () => {
    const { frames, last, text } = await stream(
      "gemini-3.8-flash",
      ask("[[stub:thinking-empty]] explain recursion", { maxOutputTokens: 4096 }),
    );
    expect(frames).toHaveLength(1);
    expect(text).toBe("");
    expect(last?.candidates[0]?.content).toEqual({ role: "model" });
    expect(last?.candidates[0]?.finishReason).toBe("MAX_TOKENS");
    expect(last?.usageMetadata).toMatchObject({ thoughtsTokenCount: 4096, candidatesTokenCount: 0 });
  });

  it("through @google/genai, an answer the thinking left no room for reads as empty text and MAX_TOKENS", async () => {
    const ai = new GoogleGenAI({ apiKey: running.apiKey, httpOptions: { baseUrl: running.url } });
    const chunks = await ai.models.generateContentStream({
      model: "gemini-3.8-flash",
      contents: "[[stub:thinking-empty]] hi",
      config: { maxOutputTokens: 512 },
    });
    let text = "";
    let reason: string | undefined;
    let thoughts: number | undefined;
    for await (const chunk of chunks) {
      text += chunk.text ?? "";
      reason = chunk.candidates?.[0]?.finishReason ?? reason;
      thoughts = chunk.usageMetadata?.thoughtsTokenCount;
    }
    expect([text, reason, thoughts]).toEqual(["", FinishReason.MAX_TOKENS, 512]);
  });
});

describe("thinking settings follow the model family", () => {
  it("a 2.5 model takes a thinkingBudget, and spends it", async () => {
    const { last } = await stream(
      "gemini-2.5-flash-lite",
      ask("hi", { thinkingConfig: { thinkingBudget: 2000 } }),
    );
    expect(last?.usageMetadata.thoughtsTokenCount).toBe(2000);
    const off = await stream("gemini-2.5-flash-lite", ask("hi", { thinkingConfig: { thinkingBudget: 0 } }));
    expect(off.last?.usageMetadata).not.toHaveProperty("thoughtsTokenCount");
  });

  it.each([
    ["gemini-2.5-flash-lite", { thinkingLevel: "LOW" }, "Thinking level is not supported for this model."],
    [
      "gemini-3.8-flash",
      { thinkingLevel: "MINIMAL" },
      "Thinking level MINIMAL is not supported for this model.",
    ],
    [
      "gemini-3.8-flash",
      { thinkingLevel: "LOW", thinkingBudget: 100 },
      "thinking_budget and thinking_level cannot be set together.",
    ],
  ])("%s with %j: 400 INVALID_ARGUMENT as Google answers", async (model, thinkingConfig, message) => {
    const { res } = await stream(model, ask("hi", { thinkingConfig }));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 400, message, status: "INVALID_ARGUMENT" } });
  });
});

describe("the finish-reason scenario", () => {
  it("ends after `afterPieces` pieces with the reason asked for", async () => {
    const { frames, last } = await stream(
      "gemini-3.8-flash",
      ask("[[stub:finish-reason reason=RECITATION afterPieces=2]] hi"),
    );
    expect(frames).toHaveLength(2);
    expect(last?.candidates[0]?.finishReason).toBe("RECITATION");
  });

  it("refuses a reason the API does not have", async () => {
    const { res } = await stream("gemini-3.8-flash", ask("[[stub:finish-reason reason=NOPE]] hi"));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toContain(
      "Scenario param reason must be one of FINISH_REASON_UNSPECIFIED, STOP, MAX_TOKENS",
    );
  });
});
