/**
 * `GET /__emulator/requests` (recent chats, newest first), `GET /__emulator/requests/:id` (one chat)
 * and `DELETE /__emulator/requests` (forget them all). Emulator-only paths: real CloudFront has none.
 * Any peer may read them (they keep no secrets), but no web page of another site: a foreign Host (DNS
 * rebinding) or Origin gets 403 FORBIDDEN (emulator/stack/dev-access.ts).
 */
import type http from "node:http";
import { type DevAccess, type DevAccessSettings, devAccess } from "../stack/dev-access.js";
import { admitDevRequest } from "../stack/dev-access-guard.js";
import type { InspectorRecorder } from "./recorder.js";

export const INSPECTOR_PATH = "/__emulator/requests";

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
    ...extra,
  });
  res.end(text);
}

/** True when `path` is one of the inspector's paths (the caller then lets `serveInspector` answer). */
export function isInspectorPath(path: string): boolean {
  return path === INSPECTOR_PATH || path.startsWith(`${INSPECTOR_PATH}/`);
}

/**
 * Who may use the inspector when its server gives no rule of its own: any peer (`access: "open"`), the
 * pinned playground's origin, loopback and IP-address Hosts. The stack passes one built from its config.
 */
export function inspectorAccess(settings: DevAccessSettings = {}): DevAccess {
  return devAccess({ ...settings, access: "open" });
}

const refuse = (message: string) => ({ error: { code: "FORBIDDEN", message } });

/**
 * Answers an inspector request; `recorder` undefined means the inspector is turned off (404). A method
 * the path does not have is 405 whoever asks (nothing happens); any other request passes `access` first.
 */
export function serveInspector(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  recorder: InspectorRecorder | undefined,
  access: DevAccess = inspectorAccess(),
  log?: (line: string) => void,
): void {
  const method = req.method ?? "GET";
  const allow = path === INSPECTOR_PATH ? "GET, HEAD, DELETE" : "GET, HEAD";
  if (method !== "OPTIONS" && !allow.split(", ").includes(method)) {
    req.resume();
    sendJson(
      res,
      405,
      { error: { code: "METHOD_NOT_ALLOWED", message: `${method} is not allowed here` } },
      { allow },
    );
    return;
  }
  if (!admitDevRequest(access, req, res, path, refuse, log)) return;
  req.resume();
  if (!recorder) {
    sendJson(res, 404, {
      error: {
        code: "INSPECTOR_OFF",
        message: "The request inspector is turned off (EMULATOR_INSPECTOR=off).",
      },
    });
    return;
  }
  if (method === "DELETE") {
    recorder.clear();
    res.writeHead(204);
    res.end();
    return;
  }
  if (path === INSPECTOR_PATH) {
    sendJson(res, 200, { limits: recorder.limits, chats: recorder.list() });
    return;
  }
  let id: string;
  try {
    id = decodeURIComponent(path.slice(INSPECTOR_PATH.length + 1));
  } catch {
    sendJson(res, 400, {
      error: { code: "INVALID_ID", message: "The chat id is not valid percent-encoding" },
    });
    return;
  }
  const chat = recorder.get(id);
  if (!chat) {
    sendJson(res, 404, {
      error: { code: "NOT_FOUND", message: `No recent chat with id ${JSON.stringify(id)}` },
    });
    return;
  }
  sendJson(res, 200, chat);
}

/** The inspector's paths as a server mounts them ahead of its own routes (the stack does, on CloudFront). */
export interface InspectorRoutes {
  handles(path: string): boolean;
  serve(req: http.IncomingMessage, res: http.ServerResponse, path: string): void;
}

/**
 * The inspector's routes for a server at `settings.serviceHost`: `recorder` undefined answers 404
 * INSPECTOR_OFF; `log` hears each refusal of the dev-access guard.
 *
 * @example
 * createCloudFrontServer({ ...options, localRoutes: inspectorRoutes(recorder, { serviceHost: "127.0.0.1" }) });
 */
export function inspectorRoutes(
  recorder: InspectorRecorder | undefined,
  settings: DevAccessSettings = {},
  log?: (line: string) => void,
): InspectorRoutes {
  const access = inspectorAccess(settings);
  return {
    handles: isInspectorPath,
    serve: (req, res, path) => serveInspector(req, res, path, recorder, access, log),
  };
}
