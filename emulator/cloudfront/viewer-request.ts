/** What CloudFront reads off the viewer's request before anything else runs. */
import type http from "node:http";

export function viewerIp(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

export function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && Number(length) > 0) || req.headers["transfer-encoding"] !== undefined;
}

/** Node's rawHeaders as `[lower-case name, value]` pairs, in order, repeats kept. */
export function lowerCasePairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([(rawHeaders[i] as string).toLowerCase(), rawHeaders[i + 1] as string]);
  }
  return pairs;
}

/** The request target split at the first `?`; the query stays raw (as the viewer encoded it). */
export function splitTarget(url: string): { path: string; rawQuery: string } {
  const queryAt = url.indexOf("?");
  return queryAt === -1
    ? { path: url, rawQuery: "" }
    : { path: url.slice(0, queryAt), rawQuery: url.slice(queryAt + 1) };
}
