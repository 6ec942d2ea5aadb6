/**
 * The invocation hop's end, from the stack's `invocation:ended` event: the status the client got, the
 * runtime's error, or the handler's own error code read from the first bytes of a refused or failed
 * response (the pinned `{"error":{"code":"TOKEN_EXPIRED",...}}` body), and the REPORT line's timings.
 * The body's bytes are parsed once, and only for an error status.
 */
import type { InvocationEnded } from "../common/stack-events.js";
import type { InspectorRecorder } from "./recorder.js";
import { scrubLine } from "./redact.js";
import type { HopRecord } from "./types.js";

/** `CODE: message` from a pinned error body, or null when the bytes are not one. */
function pinnedErrorReason(bodyHead: Buffer | undefined): string | null {
  if (!bodyHead) return null;
  try {
    const parsed = JSON.parse(bodyHead.toString("utf8")) as { error?: { code?: unknown; message?: unknown } };
    const code = parsed.error?.code;
    if (typeof code !== "string") return null;
    const message =
      typeof parsed.error?.message === "string" ? `: ${parsed.error.message.slice(0, 200)}` : "";
    return `${code}${message}`;
  } catch {
    return null;
  }
}

/** Ends the invocation hop from what the client got and what the runtime reported. */
export function finishInvocation(
  recorder: InspectorRecorder,
  hop: HopRecord | undefined,
  ended: InvocationEnded,
): void {
  if (!hop) return;
  const { status, durationMs, initMs } = ended;
  const timings = {
    durationMs: Math.round(durationMs * 100) / 100,
    billedDurationMs: Math.ceil(durationMs),
    ...(initMs === undefined ? {} : { initDurationMs: Math.round(initMs * 100) / 100 }),
  };
  if (ended.error) {
    recorder.finish(hop, {
      outcome: "failed",
      status,
      reason: scrubLine(`${ended.error.errorType}: ${ended.error.errorMessage}`),
      detail: timings,
    });
    return;
  }
  const refused = status !== null && status >= 400;
  recorder.finish(hop, {
    outcome: !refused ? "ok" : status >= 500 ? "failed" : "refused",
    status,
    reason: refused ? (pinnedErrorReason(ended.bodyHead) ?? `HTTP ${status}`) : null,
    detail: timings,
  });
}
