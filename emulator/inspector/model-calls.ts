/**
 * The model-call hop, from the stack's `model-call:*` events (the Gemini stub tells them as its journal
 * changes): model, method, scenario, duration, status, aborted or not, and the prompt's size. Never
 * the key and never the prompt's text: only the number of turns, its characters and the stub's own
 * token estimate (the figure it reports as `promptTokenCount`). The text is used once, to find the
 * invocation that made the call (invocation-tracker.ts).
 */
import type { StackEventSource } from "../common/stack-events.js";
import type { InspectorRecorder } from "./recorder.js";
import type { HopRecord } from "./types.js";

/**
 * Records each model call as a hop of the chat whose invocation made it; returns what unsubscribes.
 *
 * @example
 * const stop = listenToModelCalls(events, recorder);
 */
export function listenToModelCalls(events: StackEventSource, recorder: InspectorRecorder): () => void {
  // Only calls still in flight are held here; a finished call drops out.
  const open = new Map<string, HopRecord>();
  const offStarted = events.on("model-call:started", (call) => {
    const owner = recorder.invocations.attribute(call.promptText);
    const hop = recorder.hop(owner?.chatId ?? `model-${call.journalId}`, "model-call", "gemini-stub", {
      journalId: call.journalId,
      model: call.model,
      method: call.method,
      attributedBy: owner?.by ?? "none",
      container: owner ? owner.containerId : null,
      promptTurns: call.promptTurns,
      promptChars: call.promptText.length,
      promptTokens: call.promptTokens,
    });
    if (hop) open.set(call.journalId, hop);
  });
  const offEnded = events.on("model-call:ended", (call) => {
    const hop = open.get(call.journalId);
    if (!hop) return;
    open.delete(call.journalId);
    const { status } = call;
    const failed = call.aborted || !call.completed || (status !== null && status >= 400);
    recorder.finish(hop, {
      outcome: failed ? "failed" : "ok",
      status,
      reason: call.aborted
        ? "aborted by the caller"
        : status !== null && status >= 400
          ? `model answered ${status}`
          : !call.completed
            ? "stream cut by the model"
            : null,
      detail: { scenario: call.scenario, aborted: call.aborted, completed: call.completed },
    });
  });
  return () => {
    offStarted();
    offEnded();
  };
}
