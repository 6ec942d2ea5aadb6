/**
 * Who may call the dev endpoints (Cognito `/_dev/*` mints valid tokens for any user and rotates keys;
 * the Gemini stub's `/_stub/*` reads the prompt journal and switches scenarios). None of them exists in
 * AWS or Google, so they must never be reachable from the network by accident: by default only a
 * loopback peer (the socket's address, never a header a caller can set) gets in, even when the stack
 * listens on 0.0.0.0. `EMULATOR_DEV_ENDPOINTS=open` opens them to every caller on purpose.
 */
import type { RequestHandler } from "express";
import { isLoopbackPeer } from "./loopback.js";

export const DEV_ENDPOINTS_ENV = "EMULATOR_DEV_ENDPOINTS";

/** `loopback` (default): loopback peers only; `open`: anyone who can reach the port. */
export type DevEndpointAccess = "loopback" | "open";

export class DevEndpointsSettingError extends Error {
  override name = "DevEndpointsSettingError";
}

/** @example devEndpointAccess({ EMULATOR_DEV_ENDPOINTS: "open" }) // "open" */
export function devEndpointAccess(env: Record<string, string | undefined> = process.env): DevEndpointAccess {
  const value = env[DEV_ENDPOINTS_ENV]?.trim();
  if (!value || value === "loopback") return "loopback";
  if (value === "open") return "open";
  throw new DevEndpointsSettingError(
    `${DEV_ENDPOINTS_ENV} must be "loopback" (default) or "open", got "${value}"`,
  );
}

/** The decision: may a caller at `remoteAddress` use a dev endpoint? */
export function devCallerAllowed(remoteAddress: string | undefined, access: DevEndpointAccess): boolean {
  return access === "open" || isLoopbackPeer(remoteAddress);
}

/** Message every refusal carries, naming the setting that opens the endpoints. */
export function devRefusalMessage(path: string): string {
  return `${path} answers only callers on this machine (loopback); set ${DEV_ENDPOINTS_ENV}=open to allow others.`;
}

/**
 * Middleware for a dev router: refuses non-loopback peers with 403 and the body `refuse` builds (each
 * service answers in its own error format).
 */
export function devAccessGuard(
  access: DevEndpointAccess,
  refuse: (message: string) => unknown,
  log: (line: string) => void = () => {},
): RequestHandler {
  return (req, res, next) => {
    if (devCallerAllowed(req.socket.remoteAddress, access)) {
      next();
      return;
    }
    // originalUrl: inside `router.use("/_dev", ...)` req.path is relative to the mount point.
    const route = req.originalUrl.split("?")[0] ?? "";
    log(
      `dev endpoint ${req.method} ${route} refused for non-loopback peer ${req.socket.remoteAddress ?? "?"}`,
    );
    res.status(403).json(refuse(devRefusalMessage(route)));
  };
}
