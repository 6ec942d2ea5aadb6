/**
 * The Function URL's side of a chat: which chat a request belongs to, the auth decision and the
 * invocation's end. Kept here so the Function URL server only calls in at a few points.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { ErrorInfo } from "../function-url/containers/platform-types.js";
import type { InspectorRecorder } from "./recorder.js";
import { scrubLine } from "./redact.js";
import type { ResponseCapture } from "./response-capture.js";
import type { HopRecord } from "./types.js";

/**
 * CloudFront's `X-Amz-Cf-Id` when CloudFront recorded that chat; otherwise (a direct call, or a
 * header a caller made up) a chat of its own.
 */
export function chatIdFor(recorder: InspectorRecorder, req: http.IncomingMessage): string {
  const cfId = req.headers["x-amz-cf-id"];
  return typeof cfId === "string" && recorder.has(cfId) ? cfId : `direct-${randomUUID()}`;
}

/** AWS's own words for a refusal: the `Message`/`message` of its JSON error body. */
export function awsMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Message?: unknown; message?: unknown };
    const message = parsed.Message ?? parsed.message;
    return typeof message === "string" ? message : body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

/** Ends the invocation hop from what the client got and what the runtime reported. */
export function finishInvocation(
  recorder: InspectorRecorder,
  hop: HopRecord | undefined,
  args: {
    res: http.ServerResponse;
    capture: ResponseCapture;
    error: ErrorInfo | undefined;
    durationMs: number;
    initMs: number | undefined;
  },
): void {
  if (!hop) return;
  const status = args.res.headersSent ? args.res.statusCode : null;
  const timings = {
    durationMs: Math.round(args.durationMs * 100) / 100,
    billedDurationMs: Math.ceil(args.durationMs),
    ...(args.initMs === undefined ? {} : { initDurationMs: Math.round(args.initMs * 100) / 100 }),
  };
  if (args.error) {
    recorder.finish(hop, {
      outcome: "failed",
      status,
      reason: scrubLine(`${args.error.errorType}: ${args.error.errorMessage}`),
      detail: timings,
    });
    return;
  }
  const refused = status !== null && status >= 400;
  recorder.finish(hop, {
    outcome: !refused ? "ok" : status >= 500 ? "failed" : "refused",
    status,
    reason: refused ? (args.capture.errorReason() ?? `HTTP ${status}`) : null,
    detail: timings,
  });
}
