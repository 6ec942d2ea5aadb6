/**
 * Puts a {@link DevAccess} verdict into effect on a response: the Express routers of the dev endpoints
 * and the inspector's plain handler share it, each refusing in its own service's error form.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { DevAccess } from "./dev-access.js";

/** Builds the 403 body in the service's own error form from the refusal's message. */
export type DevRefusalBody = (message: string) => unknown;

/**
 * True when the request may go on (any CORS header already set on `res`); false when it has been
 * answered: a CORS preflight (204), or a refusal (403, logged with the check that refused).
 */
export function admitDevRequest(
  dev: DevAccess,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  refuse: DevRefusalBody,
  log: (line: string) => void = () => {},
): boolean {
  const verdict = dev.judge(req, route);
  if (verdict.kind === "pass") {
    for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
    return true;
  }
  req.resume();
  if (verdict.kind === "preflight") {
    res.writeHead(204, verdict.headers);
    res.end();
    return false;
  }
  log(`dev endpoint ${req.method} ${route} refused (${verdict.check}): ${verdict.detail}`);
  const body = JSON.stringify(refuse(verdict.message));
  res.writeHead(403, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
  });
  res.end(body);
  return false;
}

/** Express middleware for a dev router (mount it on the router's path prefix). */
export function devAccessGuard(
  dev: DevAccess,
  refuse: DevRefusalBody,
  log: (line: string) => void,
): RequestHandler {
  return (req, res, next) => {
    // originalUrl: inside `router.use("/_dev", ...)` req.path is relative to the mount point.
    const route = req.originalUrl.replace(/\?.*$/s, "");
    if (admitDevRequest(dev, req, res, route, refuse, log)) next();
  };
}
