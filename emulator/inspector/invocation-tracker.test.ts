import { describe, expect, it } from "vitest";
import { InspectorRecorder } from "./recorder.js";

function setup() {
  const recorder = new InspectorRecorder();
  const start = (container: number, chatId: string, query: string) => {
    const hop = recorder.hop(chatId, "invocation", "lambda");
    if (!hop) throw new Error("no hop");
    recorder.invocations.start(container, chatId, hop, JSON.stringify({ query }), false);
    return hop;
  };
  return { recorder, tracker: recorder.invocations, start };
}

describe("InvocationTracker", () => {
  it("gives a model call to the only active invocation", () => {
    const { tracker, start } = setup();
    start(1, "chat-1", "anything");
    expect(tracker.attribute("unrelated prompt")).toEqual({
      chatId: "chat-1",
      containerId: 1,
      by: "only-active-invocation",
    });
  });

  it("with several active, picks the one whose query the model request contains", () => {
    const { tracker, start } = setup();
    start(1, "chat-1", "How do I sort?");
    start(2, "chat-2", "Why is my loop slow?");
    expect(tracker.attribute("System...\nUser: Why is my loop slow?")).toMatchObject({
      chatId: "chat-2",
      by: "query-match",
    });
  });

  it("leaves a model call unattributed when several queries match or none is active", () => {
    const { tracker, start } = setup();
    expect(tracker.attribute("x")).toBeUndefined();
    start(1, "chat-1", "same");
    start(2, "chat-2", "same");
    expect(tracker.attribute("the same question")).toBeUndefined();
    tracker.end(2);
    expect(tracker.attribute("the same question")).toMatchObject({ chatId: "chat-1" });
  });

  it("files a container's lines (even after END) under its latest invocation, scrubbed", () => {
    const { recorder, tracker, start } = setup();
    start(3, "chat-1", "q");
    tracker.containerLog(3, "first");
    tracker.end(3);
    tracker.containerLog(3, "late line with Bearer eyJabc.eyJdef.sig");
    start(3, "chat-2", "q");
    tracker.containerLog(3, "second");
    tracker.containerLog(4, "someone else");
    expect(recorder.get("chat-1")?.hops[0]?.logs).toEqual(["first", "late line with Bearer [REDACTED]"]);
    expect(recorder.get("chat-2")?.hops[0]?.logs).toEqual(["second"]);
  });
});
