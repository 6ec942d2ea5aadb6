/**
 * `GET /__emulator/requests` (recent chats, newest first), `GET /__emulator/requests/:id` (one chat)
 * and `DELETE /__emulator/requests` (forget them all). Emulator-only paths: real CloudFront has none.
 */
import type http from "node:http";
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

/** Answers an inspector request; `recorder` undefined means the inspector is turned off (404). */
export function serveInspector(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  recorder: InspectorRecorder | undefined,
): void {
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
  const method = req.method ?? "GET";
  if (path === INSPECTOR_PATH && method === "DELETE") {
    recorder.clear();
    res.writeHead(204);
    res.end();
    return;
  }
  if (method !== "GET" && method !== "HEAD") {
    sendJson(
      res,
      405,
      { error: { code: "METHOD_NOT_ALLOWED", message: `${method} is not allowed here` } },
      {
        allow: path === INSPECTOR_PATH ? "GET, HEAD, DELETE" : "GET, HEAD",
      },
    );
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
