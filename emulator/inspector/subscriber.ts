/**
 * The request inspector as a listener of the stack's event bus (emulator/common/stack-events.ts): each
 * event becomes a hop of a chat in the recorder. The inspector imports no service; what it knows of
 * one is what its events say.
 *
 * A chat is CloudFront's `X-Amz-Cf-Id` when CloudFront recorded it; a request that reaches the
 * Function URL with another (or none: a direct call, or a header a caller made up) is a chat of its
 * own, `direct-<uuid>`. Events name their request by the service's own id; which chat that id belongs
 * to is decided once, when the request is received.
 */
import { randomUUID } from "node:crypto";
import type { HopEnded, RequestReceived, StackEventSource } from "../common/stack-events.js";
import { finishHop, HOP_SERVICE, startDetail } from "./hop-details.js";
import { finishInvocation } from "./invocation-hop.js";
import { listenToModelCalls } from "./model-calls.js";
import type { InspectorRecorder } from "./recorder.js";
import type { HopRecord } from "./types.js";

/**
 * Requests (and hops) in flight held at most: a request whose end is never told (a client that left
 * while queued for a container) is forgotten oldest first, never kept for ever.
 */
const MAX_IN_FLIGHT = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_IN_FLIGHT) map.delete(map.keys().next().value as string);
}

function chatIdFor(recorder: InspectorRecorder, received: RequestReceived): string {
  if (received.service === "cloudfront") return received.requestId;
  const { cfId } = received;
  return cfId !== undefined && recorder.has(cfId) ? cfId : `direct-${randomUUID()}`;
}

/** Whether nothing more of this request follows the hop's end (its last step refused or ended it). */
function endsRequest(ended: HopEnded): boolean {
  if (ended.hop === "viewer-request") return true;
  return ended.outcome !== "ok" && (ended.hop === "function-url-auth" || ended.hop === "invocation");
}

/**
 * Records what `events` tell into `recorder` until the returned function is called.
 *
 * @example
 * const events = new StackEvents();
 * const stop = listenToStack(events, new InspectorRecorder());
 */
export function listenToStack(events: StackEventSource, recorder: InspectorRecorder): () => void {
  const chats = new Map<string, string>();
  const open = new Map<string, HopRecord>();
  const key = (requestId: string, hop: string) => `${requestId} ${hop}`;
  const take = (requestId: string, hop: string): HopRecord | undefined => {
    const record = open.get(key(requestId, hop));
    open.delete(key(requestId, hop));
    return record;
  };
  const offs = [
    events.on("request:received", (received) =>
      remember(chats, received.requestId, chatIdFor(recorder, received)),
    ),
    events.on("hop:started", (started) => {
      const chatId = chats.get(started.requestId);
      if (chatId === undefined) return;
      const hop = recorder.hop(chatId, started.hop, HOP_SERVICE[started.hop], startDetail(started));
      if (hop) remember(open, key(started.requestId, started.hop), hop);
    }),
    events.on("hop:progressed", (progress) => {
      const hop = open.get(key(progress.requestId, progress.hop));
      if (hop) hop.detail.firstByteAfterMs = progress.firstByteAfterMs;
    }),
    events.on("hop:ended", (ended) => {
      finishHop(recorder, take(ended.requestId, ended.hop), ended);
      if (endsRequest(ended)) chats.delete(ended.requestId);
    }),
    events.on("invocation:bound", (bound) => {
      const chatId = chats.get(bound.requestId);
      const hop = open.get(key(bound.requestId, "invocation"));
      if (chatId === undefined || !hop) return;
      if (bound.initMs !== undefined) hop.detail.initDurationMs = Math.round(bound.initMs * 100) / 100;
      recorder.invocations.start(bound.containerId, chatId, hop, bound.body, bound.isBase64Encoded);
    }),
    events.on("invocation:ended", (ended) => {
      recorder.invocations.end(ended.containerId);
      finishInvocation(recorder, take(ended.requestId, "invocation"), ended);
      chats.delete(ended.requestId);
    }),
    events.on("function:log", ({ containerId, line }) =>
      recorder.invocations.containerLog(containerId, line),
    ),
    listenToModelCalls(events, recorder),
  ];
  return () => {
    for (const off of offs) off();
  };
}
