import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awkwardCuts, cutText, decodeReplayText, parseCuts } from "./replay.js";
import { findMarker, parseScenario, ScenarioError } from "./scenarios.js";
import {
  postRaw,
  type RunningStub,
  STREAM_PATH,
  sseFrames,
  startStub,
  userTurn,
} from "./test-support/stub-client.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("replay scenario params", () => {
  it("decodes base64url UTF-8 text and comma-separated cuts", () => {
    expect(parseScenario({ name: "replay", text: b64("héllo 🙂\n"), cuts: "1,3" })).toEqual({
      name: "replay",
      text: "héllo 🙂\n",
      cuts: [1, 3],
    });
    expect(findMarker(`x [[stub:replay delayMs=0 text=${b64("```js\n")}]]`).scenario).toEqual({
      name: "replay",
      delayMs: 0,
      text: "```js\n",
    });
  });

  it.each([
    [{ name: "replay" }, "text must be base64url"],
    [{ name: "replay", text: "not base64!" }, "text must be base64url"],
    [{ name: "replay", text: Buffer.from([0xff, 0xfe]).toString("base64url") }, "not UTF-8"],
    [{ name: "replay", text: b64("x"), cuts: "1,,2" }, "cuts must be offsets"],
  ])("refuses %j", (input, message) => {
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(() => parseScenario(input)).toThrow(message);
  });

  it("bounds the decoded size", () => {
    expect(() => decodeReplayText(b64("x".repeat(64 * 1024 + 1)))).toThrow("at most 65536 bytes");
    expect(() => parseCuts(42)).toThrow(ScenarioError);
  });
});

describe("awkward cuts", () => {
  it("cuts inside each fence run, mid-line and before each line end (also between \\r and \\n)", () => {
    const text = "ab\n```js\nxy\r\n~~~\n";
    expect(cutText(text, awkwardCuts(text))).toEqual([
      "a",
      "b",
      "\n`",
      "`",
      "`js",
      "\nx",
      "y\r",
      "\n~",
      "~~",
      "\n",
    ]);
  });

  it("never cuts inside a surrogate pair and loses nothing", () => {
    const text = "🙂🙂\n🙂";
    const pieces = cutText(text, awkwardCuts(text));
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});

describe("replay over HTTP", () => {
  let running: RunningStub;
  beforeAll(async () => {
    running = await startStub();
  });
  afterAll(async () => {
    await running.stub.close();
  });

  it("streams the scripted text, one frame per piece, cut where the marker says", async () => {
    const res = await postRaw(
      running,
      STREAM_PATH,
      userTurn(`[[stub:replay delayMs=0 cuts=2,5 text=${b64("Hi\n```\nx\n```\n")}]]`),
    );
    expect(res.status).toBe(200);
    const texts = sseFrames(res.text).map(
      (f) => (f.candidates as { content: { parts: { text: string }[] } }[])[0]?.content.parts[0]?.text,
    );
    expect(texts).toEqual(["Hi", "\n``", "`\nx\n```\n"]);
  });
});
