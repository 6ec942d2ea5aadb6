import { describe, expect, it } from "vitest";
import { InspectorRecorder } from "./recorder.js";

describe("InspectorRecorder", () => {
  it("keeps at most maxChats chats, newest first, forgetting the oldest", () => {
    const recorder = new InspectorRecorder({ maxChats: 3 });
    for (const id of ["a", "b", "c", "d"]) recorder.hop(id, "viewer-request", "cloudfront");
    expect(recorder.list().map((chat) => chat.id)).toEqual(["d", "c", "b"]);
    expect(recorder.get("a")).toBeUndefined();
  });

  it("bounds the hops of one chat and counts the ones it dropped", () => {
    const recorder = new InspectorRecorder({ maxHopsPerChat: 2 });
    expect(recorder.hop("a", "viewer-request", "cloudfront")).toBeDefined();
    expect(recorder.hop("a", "origin-request", "cloudfront")).toBeDefined();
    expect(recorder.hop("a", "invocation", "lambda")).toBeUndefined();
    expect(recorder.get("a")).toMatchObject({ dropped: 1 });
    expect(recorder.get("a")?.hops).toHaveLength(2);
  });

  it("bounds an invocation's log lines in number and length", () => {
    const recorder = new InspectorRecorder({ maxLogLines: 2, maxLineLength: 5 });
    const hop = recorder.hop("a", "invocation", "lambda");
    if (!hop) throw new Error("no hop");
    for (const line of ["123456789", "ab", "dropped"]) recorder.appendLog(hop, line);
    const view = recorder.get("a")?.hops[0];
    expect(view?.logs).toEqual(["12345…", "ab"]);
    expect(view?.detail.droppedLogLines).toBe(1);
  });

  it("names the deepest refusing hop as the chat's refusal, and the first hop's status as the chat's", () => {
    const recorder = new InspectorRecorder();
    const viewer = recorder.hop("a", "viewer-request", "cloudfront");
    // A cut stream fails the outer hop too; the deeper hop holds the cause.
    const origin = recorder.hop("a", "origin-request", "cloudfront");
    const invocation = recorder.hop("a", "invocation", "lambda");
    recorder.finish(invocation, { outcome: "refused", status: 401, reason: "TOKEN_EXPIRED" });
    recorder.finish(origin, { outcome: "failed", status: null, reason: "stream cut" });
    recorder.finish(viewer, { outcome: "ok", status: 401 });
    expect(recorder.get("a")).toMatchObject({
      status: 401,
      refusal: { hop: "invocation", status: 401, reason: "TOKEN_EXPIRED" },
    });
  });

  it("finishes a hop once: a second finish does not overwrite the first", () => {
    const recorder = new InspectorRecorder();
    const hop = recorder.hop("a", "origin-request", "cloudfront");
    recorder.finish(hop, { outcome: "failed", status: 504, reason: "origin-timeout" });
    recorder.finish(hop, { outcome: "ok", status: 200 });
    expect(recorder.get("a")?.hops[0]).toMatchObject({ outcome: "failed", status: 504 });
  });
});
