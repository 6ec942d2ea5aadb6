/**
 * One viewer request as CloudFront handles it: its id, its log line and `viewer-request` events, and CloudFront's
 * own answers (error pages, refusals). The steps after it (viewer-function.ts, forward-to-origin.ts)
 * work on this.
 */
import type http from "node:http";
import type { Distribution } from "./distribution.js";
import { type CloudFrontErrorKind, errorPageHtml, errorStatus, errorXCache } from "./error-pages.js";
import { newCloudFrontRequestId } from "./ids.js";
import { cloudFrontResponseHeaders, type ViewerResponseContext } from "./origin-headers.js";
import type { ProxyOutcome } from "./origin-proxy.js";

export interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  rawQuery: string;
  /** `X-Amz-Cf-Id`. */
  requestId: string;
  /** When the request arrived (ms); durations in the log and the events count from here. */
  started: number;
  /** What CloudFront adds to every response of this exchange, but `X-Cache`. */
  context: Omit<ViewerResponseContext, "xCache">;
  /**
   * Logs the exchange's one line and tells the viewer request's end. `refusedBy`: CloudFront itself answered
   * with an error (not the origin's status passed on).
   */
  record(outcome: ProxyOutcome, note?: string, refusedBy?: string): void;
  /** Answers with CloudFront's own error page (docs/platform-facts.md#allowed-methods). */
  sendError(kind: CloudFrontErrorKind): void;
  /** Refuses before the origin: drains the body unread, sends the error page, records it. */
  refuse(kind: CloudFrontErrorKind): void;
}

export function openExchange(
  dist: Distribution,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: { path: string; rawQuery: string },
  /** The path pattern of the behaviour that applies; undefined for `Default (*)`. */
  pathPattern?: string,
): Exchange {
  const started = Date.now();
  const requestId = newCloudFrontRequestId();
  const method = req.method ?? "GET";
  const { path } = target;
  const context = { via: dist.via, pop: dist.pop, requestId };
  const { events } = dist;
  events?.emit("request:received", { requestId, service: "cloudfront" });
  events?.emit("hop:started", { requestId, hop: "viewer-request", method, path, rawHeaders: req.rawHeaders });
  const exchange: Exchange = {
    req,
    res,
    method,
    ...target,
    requestId,
    started,
    context,
    record(outcome, note = "", refusedBy) {
      const behavior = pathPattern === undefined ? "" : ` behavior=${pathPattern}`;
      dist.log(
        `${method} ${path} -> ${outcome} ${Date.now() - started}ms cf-id=${requestId}${behavior}${note}`,
      );
      events?.emit("hop:ended", {
        requestId,
        hop: "viewer-request",
        outcome: outcome === "cut" ? "failed" : refusedBy ? "refused" : "ok",
        status: typeof outcome === "number" ? outcome : null,
        reason: outcomeReason(outcome) ?? refusedBy ?? null,
      });
    },
    sendError(kind) {
      const body = errorPageHtml(kind, requestId);
      res.writeHead(errorStatus(kind), [
        ["Server", "CloudFront"],
        ["Content-Type", "text/html"],
        ["Content-Length", String(Buffer.byteLength(body))],
        ...cloudFrontResponseHeaders({ ...context, xCache: errorXCache(kind) }),
      ]);
      res.end(method === "HEAD" ? undefined : body);
    },
    refuse(kind) {
      req.resume(); // CloudFront never reads the body; drain it so the connection stays usable.
      exchange.sendError(kind);
      exchange.record(errorStatus(kind), ` (${kind})`, kind);
    },
  };
  return exchange;
}

/** Why an exchange did not end with the origin's last byte, in words (its hop's reason). */
export function outcomeReason(outcome: ProxyOutcome): string | null {
  if (outcome === "cut") return "stream cut";
  // The viewer closed first (e.g. a client that stops reading after `data: [DONE]`): not a failure.
  if (outcome === "viewer-gone") return "viewer left before the end";
  return null;
}
