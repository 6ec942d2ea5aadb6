/**
 * Replies shaped by the stub's config, end to end over HTTP: scripted replies by pattern on the last
 * user message, and the configured piece size and pacing of a stream.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GENERATE_PATH,
  postRaw,
  type RunningStub,
  STREAM_PATH,
  sseFrames,
  startStub,
  userTurn,
} from "./test-support/stub-client.js";

type Frame = { candidates?: { content?: { parts: { text: string }[] }; finishReason?: string }[] };
const piecesOf = (text: string): string[] =>
  (sseFrames(text) as Frame[]).map((f) => f.candidates?.[0]?.content?.parts[0]?.text ?? "");

const SCRIPTED = "Scripted: which structure finds a complement in O(1)?";
const PIECE_SIZE = 8;
const DELAY_MS = 60;

let running: RunningStub;
beforeAll(async () => {
  running = await startStub({
    pieceSize: PIECE_SIZE,
    pieceDelayMs: DELAY_MS,
    scripted: [
      { pattern: "(unclosed", reply: "never: an invalid pattern is skipped" },
      { pattern: "two\\s*sum", reply: SCRIPTED },
      { pattern: "sum", reply: "never: the first matching entry wins" },
    ],
  });
});
afterAll(async () => {
  await running.stub.close();
});

describe("scripted replies from config", () => {
  it("answers a matching last user message with the scripted reply, streamed and whole", async () => {
    const streamed = await postRaw(running, STREAM_PATH, userTurn("How do I start on TWO SUM?"));
    expect(streamed.status).toBe(200);
    expect(piecesOf(streamed.text).join("")).toBe(SCRIPTED);

    const whole = await postRaw(running, GENERATE_PATH, userTurn("two sum again"));
    expect(JSON.parse(whole.text).candidates[0].content.parts[0].text).toBe(SCRIPTED);
  });

  it("matches only the last user message; other messages get the default tutor reply", async () => {
    const res = await postRaw(running, STREAM_PATH, {
      contents: [
        { role: "user", parts: [{ text: "two sum" }] },
        { role: "model", parts: [{ text: "ok" }] },
        { role: "user", parts: [{ text: "What is a stack?" }] },
      ],
    });
    const text = piecesOf(res.text).join("");
    expect(text).not.toBe(SCRIPTED);
    expect(text).toContain('"What is a stack?"');
  });
});

describe("piece size and pacing from config", () => {
  it("streams pieces of pieceSize characters, pieceDelayMs apart", async () => {
    const started = Date.now();
    const res = await postRaw(running, STREAM_PATH, userTurn("two sum"));
    const elapsed = Date.now() - started;
    const pieces = piecesOf(res.text);
    expect(pieces).toHaveLength(Math.ceil(SCRIPTED.length / PIECE_SIZE));
    expect(pieces.slice(0, -1).every((p) => p.length === PIECE_SIZE)).toBe(true);
    // A pause between consecutive pieces (timers may fire a little early, hence the 10% slack).
    expect(elapsed).toBeGreaterThanOrEqual((pieces.length - 1) * DELAY_MS * 0.9);
  });
});
