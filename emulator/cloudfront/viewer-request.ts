/** What CloudFront reads off the viewer's request before anything else runs. */
import type http from "node:http";

export function viewerIp(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

export function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && Number(length) > 0) || req.headers["transfer-encoding"] !== undefined;
}

// Shared with the request inspector, which names the viewer's headers from the same raw list.
export { lowerCasePairs } from "../common/raw-headers.js";

/** The request target split at the first `?`; the query stays raw (as the viewer encoded it). */
export function splitTarget(url: string): { path: string; rawQuery: string } {
  const queryAt = url.indexOf("?");
  return queryAt === -1
    ? { path: url, rawQuery: "" }
    : { path: url.slice(0, queryAt), rawQuery: url.slice(queryAt + 1) };
}
