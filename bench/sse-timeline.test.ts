import { describe, expect, it } from "vitest";
import { pieceDelays, SseTimeline } from "./sse-timeline.js";

describe("SseTimeline", () => {
  it("times each data event by the arrival of its last byte, across split reads", () => {
    const t = new SseTimeline();
    t.push(Buffer.from(': keep-alive\n\ndata: {"chunk":"He'), 1);
    t.push(Buffer.from('llo"}\n\ndata: {"chunk":" you"}\n\n'), 2);
    t.push(Buffer.from("data: [DONE]\n\n"), 3);
    expect(t.timeline.chunks).toEqual([
      { at: 2, text: "Hello" },
      { at: 2, text: " you" },
    ]);
    expect(t.timeline).toMatchObject({ firstByteAt: 1, done: true, errorEvent: false });
  });

  it("strips the Lambda streaming prelude (JSON, then 8 NUL bytes) before the body", () => {
    const t = new SseTimeline(true);
    t.push(Buffer.from('{"statusCode":200}'), 1);
    t.push(Buffer.concat([Buffer.alloc(8), Buffer.from('data: {"chunk":"x"}\n\n')]), 2);
    expect(t.timeline.chunks).toEqual([{ at: 2, text: "x" }]);
    expect(t.timeline.firstByteAt).toBe(2);
  });
});

describe("pieceDelays", () => {
  it("matches pieces by cumulative characters even when the handler re-chunks", () => {
    const sent = [
      { at: 0, text: "ab" },
      { at: 10, text: "cd" },
    ];
    const received = [
      { at: 1, text: "a" },
      { at: 3, text: "bc" },
      { at: 12, text: "d" },
    ];
    expect(pieceDelays(sent, received)).toEqual([3, 2]);
  });

  it("refuses to compare different texts", () => {
    expect(pieceDelays([{ at: 0, text: "a" }], [{ at: 1, text: "b" }])).toBeUndefined();
  });
});
