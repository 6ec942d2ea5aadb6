/**
 * The origin step: the origin request's headers (origin-headers.ts), OAC signing (oac-signer.ts), then
 * the proxied exchange with the Function URL (origin-proxy.ts), streamed back to the viewer.
 */
import type { Behavior, Distribution } from "./distribution.js";
import type { CloudFrontErrorKind } from "./error-pages.js";
import { type Exchange, outcomeReason } from "./exchange.js";
import type { ForwardedRequest } from "./function/event.js";
import { applyOacSigning } from "./oac-signer.js";
import { buildOriginRequestHeaders, buildViewerResponseHeaders } from "./origin-headers.js";
import { proxyToOrigin } from "./origin-proxy.js";
import { lowerCasePairs, viewerIp } from "./viewer-request.js";

/** Forwards `forwarded` to the behaviour's origin; `note` ends the exchange's log line (e.g. the function's cu). */
export async function forwardToOrigin(
  dist: Distribution,
  behavior: Behavior,
  ex: Exchange,
  forwarded: ForwardedRequest,
  note: string,
): Promise<void> {
  const { req, method, requestId } = ex;
  const originHeaders = buildOriginRequestHeaders(forwarded.headers, {
    originHost: behavior.originDomain,
    viewerIp: viewerIp(req),
    requestId,
    via: dist.via,
    viewerHeaders: lowerCasePairs(req.rawHeaders),
    policy: behavior.originHeaders,
    viewer: {
      ip: viewerIp(req),
      port: req.socket.remotePort ?? 0,
      protocol: "http",
      httpVersion: req.httpVersion,
      userAgent: req.headers["user-agent"],
      country: dist.viewerCountry,
    },
  });
  const signing = await applyOacSigning({
    behavior: behavior.oac,
    credentials: dist.credentials,
    region: dist.region,
    host: behavior.originDomain,
    method,
    path: forwarded.path,
    rawQuery: forwarded.rawQuery,
    headers: originHeaders,
    signingDate: new Date(dist.clock()),
  });
  const { events } = dist;
  events?.emit("hop:started", {
    requestId,
    hop: "origin-request",
    method,
    path: forwarded.path,
    host: behavior.originDomain,
    signed: signing.signed,
    authorization: signing.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1],
  });
  let originError: CloudFrontErrorKind | undefined;
  proxyToOrigin({
    agent: dist.agent,
    host: dist.origin.host,
    port: dist.origin.port,
    method,
    target: forwarded.rawQuery === "" ? forwarded.path : `${forwarded.path}?${forwarded.rawQuery}`,
    headers: signing.headers,
    readTimeoutMs: behavior.readTimeoutMs,
    viewerRequest: req,
    viewerResponse: ex.res,
    responseHeaders: (raw) => {
      events?.emit("hop:progressed", {
        requestId,
        hop: "origin-request",
        firstByteAfterMs: Date.now() - ex.started,
      });
      return buildViewerResponseHeaders(raw, { ...ex.context, xCache: "Miss from cloudfront" });
    },
    sendError: (kind) => {
      originError = kind;
      ex.sendError(kind);
    },
    done: (outcome) => {
      events?.emit("hop:ended", {
        requestId,
        hop: "origin-request",
        outcome: originError || outcome === "cut" ? "failed" : "ok",
        status: typeof outcome === "number" ? outcome : null,
        reason: originError ?? outcomeReason(outcome),
      });
      ex.record(outcome, `${note}${signing.signed ? " (oac signed)" : ""}`);
    },
  });
}
