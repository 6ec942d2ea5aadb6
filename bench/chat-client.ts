/**
 * A viewer of the chatbot endpoint for measurements: node:http with a keep-alive agent (so a
 * connection set-up is not counted in every sample), the pinned request headers, and the SSE
 * timeline of the answer.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { type ViewerRequest, viewerRequest } from "../emulator/stack/viewer-request.js";
import { SseTimeline, type Timeline } from "./sse-timeline.js";

/** What the viewer sends (body, its hash, the headers), and the ID token for the Function URL's direct calls. */
export interface ChatRequest extends ViewerRequest {
  idToken: string;
}

export function chatRequest(request: unknown, idToken: string): ChatRequest {
  return { ...viewerRequest(request, idToken), idToken };
}

export interface ChatResult extends Timeline {
  status: number;
  startedAt: number;
  endedAt: number;
}

export const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * POSTs one chat to `endpoint` and resolves when the response ends (bounded by `timeoutMs`).
 * `headers` replaces the viewer headers (to call the Function URL the way CloudFront does).
 */
export function postChat(
  endpoint: string,
  chat: ChatRequest,
  timeoutMs = 30_000,
  headers: Record<string, string> = chat.headers,
): Promise<ChatResult> {
  return postOnce(endpoint, chat, timeoutMs, headers).catch((error: Error & { reusedSocket?: boolean }) => {
    // A kept-alive socket the server closed while idle fails on reuse; Node's docs advise one retry.
    if (error.reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
      return postOnce(endpoint, chat, timeoutMs, headers);
    }
    throw error;
  });
}

function postOnce(
  endpoint: string,
  chat: ChatRequest,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<ChatResult> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent: keepAliveAgent,
        headers: { ...headers, "content-length": Buffer.byteLength(chat.body) },
        timeout: timeoutMs,
      },
      (res) => {
        const sse = new SseTimeline();
        res.on("data", (bytes: Buffer) => sse.push(bytes, performance.now()));
        res.on("end", () =>
          resolve({ ...sse.timeline, status: res.statusCode ?? 0, startedAt, endedAt: performance.now() }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`chat did not finish within ${timeoutMs} ms`)));
    req.on("error", (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(chat.body);
  });
}
