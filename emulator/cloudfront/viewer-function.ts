/**
 * The viewer-request CloudFront Function step: runs the function on the viewer's request and either
 * answers with the response it generated, refuses on a failed run, or passes on the request it returned.
 */
import type { Distribution } from "./distribution.js";
import {
  CloudFrontFunctionExecutionError,
  CloudFrontFunctionThrottledError,
  CloudFrontFunctionValidationError,
} from "./errors.js";
import type { Exchange } from "./exchange.js";
import { buildViewerRequestEvent, type ForwardedRequest, requestFromEvent } from "./function/event.js";
import { sendFunctionResponse } from "./function/response.js";
import type { ViewerRequestFunction } from "./function/runtime.js";
import { viewerIp } from "./viewer-request.js";

/** The request to forward and a log note; `undefined` when the exchange has been answered already. */
export type FunctionStep = { forwarded: ForwardedRequest; note: string } | undefined;

export function runViewerFunction(dist: Distribution, fn: ViewerRequestFunction, ex: Exchange): FunctionStep {
  const { req, method, path, rawQuery, requestId } = ex;
  const event = buildViewerRequestEvent(
    { method, path, rawQuery, rawHeaders: req.rawHeaders },
    {
      distributionDomainName: dist.config.domainName,
      distributionId: dist.config.distributionId,
      requestId,
      viewerIp: viewerIp(req),
    },
  );
  const { events } = dist;
  events?.emit("hop:started", { requestId, hop: "cloudfront-function", functionName: fn.name });
  try {
    const result = fn.run(event);
    // CloudFront reports compute utilization per run, 0-100 (edge-functions-restrictions).
    const note = ` (function cu=${result.computeUtilization})`;
    if (result.kind === "response") {
      const status = result.response.statusCode;
      events?.emit("hop:ended", {
        requestId,
        hop: "cloudfront-function",
        outcome: status >= 400 ? "refused" : "ok",
        status,
        reason: status >= 400 ? `the function returned a ${status} response` : null,
        facts: { kind: "function-response", computeUtilization: result.computeUtilization },
      });
      req.resume();
      sendFunctionResponse(ex.res, method, result.response, ex.context);
      ex.record(status, `${note} (function response)`, status >= 400 ? "cloudfront-function" : undefined);
      return undefined;
    }
    const forwarded = requestFromEvent(result.request);
    events?.emit("hop:ended", {
      requestId,
      hop: "cloudfront-function",
      outcome: "ok",
      facts: {
        kind: "function-request",
        computeUtilization: result.computeUtilization,
        rawHeadersBefore: req.rawHeaders,
        headersAfter: forwarded.headers,
        pathChanged: forwarded.path !== path || forwarded.rawQuery !== rawQuery,
      },
    });
    return { forwarded, note };
  } catch (error) {
    events?.emit("hop:ended", {
      requestId,
      hop: "cloudfront-function",
      outcome: "failed",
      error: (error as Error).message ?? String(error),
    });
    if (!(error instanceof CloudFrontFunctionExecutionError)) throw error;
    dist.log(error.message);
    if (error instanceof CloudFrontFunctionValidationError) ex.refuse("function-invalid");
    else if (error instanceof CloudFrontFunctionThrottledError) ex.refuse("function-throttled");
    else ex.refuse("function-failed");
    return undefined;
  }
}
