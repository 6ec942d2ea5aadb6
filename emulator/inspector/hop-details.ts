/**
 * What a hop shows, made from the facts the stack's events carry: the inspector decides here what is
 * kept of them (names, not values; a summary of the Lambda event; the SignedHeaders list, never the
 * signature), so a service hands over what it has and redacts nothing itself.
 */
import { lowerCasePairs } from "../common/raw-headers.js";
import type { HopEnded, HopFacts, HopName, HopStarted } from "../common/stack-events.js";
import { headerChanges } from "./header-changes.js";
import type { InspectorRecorder } from "./recorder.js";
import { eventSummary, scrubLine, signedHeaderNames } from "./redact.js";
import type { HopDetail, HopRecord, HopService } from "./types.js";

/** The service each hop is shown under. */
export const HOP_SERVICE: Record<HopName, HopService> = {
  "viewer-request": "cloudfront",
  "cloudfront-function": "cloudfront",
  "origin-request": "cloudfront",
  "function-url-auth": "function-url",
  "lambda-event": "lambda",
  invocation: "lambda",
  "model-call": "gemini-stub",
};

/** A hop's detail as it starts. */
export function startDetail(started: HopStarted): HopDetail {
  switch (started.hop) {
    case "viewer-request":
      return {
        method: started.method,
        path: started.path,
        headerNames: lowerCasePairs(started.rawHeaders).map(([name]) => name),
      };
    case "cloudfront-function":
      return { name: started.functionName };
    case "origin-request":
      return {
        method: started.method,
        path: started.path,
        host: started.host,
        signed: started.signed,
        signedHeaders: signedHeaderNames(started.authorization),
      };
    case "function-url-auth":
      return { authType: started.authType };
    case "lambda-event":
      return { ...eventSummary(started.event), payloadBytes: started.payloadBytes };
    case "invocation": {
      const { container } = started;
      if (!container) return {};
      return {
        requestId: started.requestId,
        container: container.id,
        cold: container.cold,
        waitedMs: Math.round(container.waitedMs),
      };
    }
  }
}

function factsDetail(facts: HopFacts): HopDetail {
  switch (facts.kind) {
    case "function-request":
      return {
        result: "request",
        computeUtilization: facts.computeUtilization,
        ...headerChanges(lowerCasePairs(facts.rawHeadersBefore), facts.headersAfter),
        pathChanged: facts.pathChanged,
      };
    case "function-response":
      return { result: "response", computeUtilization: facts.computeUtilization };
    case "caller":
      return { caller: facts.principal };
  }
}

/** Ends `hop` as the event says; an error's own text is scrubbed before it is kept. */
export function finishHop(recorder: InspectorRecorder, hop: HopRecord | undefined, ended: HopEnded): void {
  if (!hop) return;
  recorder.finish(hop, {
    outcome: ended.outcome,
    ...(ended.status === undefined ? {} : { status: ended.status }),
    ...(ended.error !== undefined
      ? { reason: scrubLine(ended.error) }
      : ended.reason === undefined
        ? {}
        : { reason: ended.reason }),
    ...(ended.facts ? { detail: factsDetail(ended.facts) } : {}),
  });
}
