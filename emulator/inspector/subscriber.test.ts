/**
 * The inspector as a listener of the stack's bus: events in, chats out. The services' side of the same
 * events runs in test/chain/inspector.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type StackEventName, StackEvents } from "../common/stack-events.js";
import { InspectorRecorder } from "./recorder.js";
import { listenToStack } from "./subscriber.js";

function setup() {
  const events = new StackEvents();
  const recorder = new InspectorRecorder();
  const stop = listenToStack(events, recorder);
  return { events, recorder, stop };
}

/** A Function URL request up to its bound invocation, on `containerId`. */
function invoke(events: StackEvents, requestId: string, containerId: number, cfId?: string) {
  events.emit("request:received", { requestId, service: "function-url", cfId });
  events.emit("hop:started", {
    requestId,
    hop: "invocation",
    container: { id: containerId, cold: false, waitedMs: 0 },
  });
  events.emit("invocation:bound", { requestId, containerId, body: '{"query":"q"}', isBase64Encoded: false });
}

describe("the inspector on the stack's bus", () => {
  it("puts a Function URL request under the CloudFront chat it names, and a made-up id in a chat of its own", () => {
    const { events, recorder } = setup();
    events.emit("request:received", { requestId: "cf-1", service: "cloudfront" });
    events.emit("hop:started", {
      requestId: "cf-1",
      hop: "viewer-request",
      method: "POST",
      path: "/",
      rawHeaders: [],
    });
    invoke(events, "lambda-1", 1, "cf-1");
    invoke(events, "lambda-2", 2, "made-up");
    expect(recorder.get("cf-1")?.hops.map((hop) => hop.name)).toEqual(["viewer-request", "invocation"]);
    const direct = recorder.list().filter((chat) => chat.id.startsWith("direct-"));
    expect(direct.map((chat) => chat.hops[0]?.detail.requestId)).toEqual(["lambda-2"]);
  });

  it("files a function's line under the container number the event gives, whatever the line's text says", () => {
    const { events, recorder } = setup();
    invoke(events, "lambda-3", 3);
    invoke(events, "lambda-9", 9);
    events.emit("function:log", { containerId: 3, line: "[container #9] Bearer abc.def" });
    const logsOf = (requestId: string) =>
      recorder.list().find((chat) => chat.hops[0]?.detail.requestId === requestId)?.hops[0]?.logs;
    expect(logsOf("lambda-3")).toEqual(["[container #9] Bearer [REDACTED]"]);
    expect(logsOf("lambda-9")).toBeUndefined();
  });

  it("ends the invocation with the handler's error code read from the body's first bytes", () => {
    const { events, recorder } = setup();
    invoke(events, "lambda-4", 4);
    const body = Buffer.from('{"error":{"code":"TOKEN_MISSING","message":"Missing ID token"}}');
    events.emit("invocation:ended", {
      requestId: "lambda-4",
      containerId: 4,
      status: 401,
      bodyHead: body,
      durationMs: 3,
    });
    expect(recorder.list()[0]?.refusal).toEqual({
      hop: "invocation",
      status: 401,
      reason: "TOKEN_MISSING: Missing ID token",
    });
  });

  it("listens to nothing once stopped (the stack with the inspector off has no listener at all)", () => {
    const { events, stop } = setup();
    // Every event of the map: the type checker refuses this object when one is missing.
    const every: Record<StackEventName, true> = {
      "request:received": true,
      "hop:started": true,
      "hop:progressed": true,
      "hop:ended": true,
      "invocation:bound": true,
      "invocation:ended": true,
      "function:log": true,
      "model-call:started": true,
      "model-call:ended": true,
    };
    const names = Object.keys(every) as StackEventName[];
    expect(names.filter((name) => !events.listens(name))).toEqual([]);
    stop();
    expect(names.filter((name) => events.listens(name))).toEqual([]);
  });
});
