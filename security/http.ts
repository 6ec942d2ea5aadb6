/**
 * A raw HTTP client for attacks: any method, any header (including a forged Host), any body bytes,
 * a hard time limit, and the SSE frames of a streamed answer. `fetch` refuses several of these.
 */
import http from "node:http";
import https from "node:https";
import type { EventSourceMessage } from "eventsource-parser";
import { readChatStream } from "../emulator/stack/chat-stream.js";

export interface AttackRequest {
  url: string;
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Hard limit for the whole exchange; the request is destroyed after it. Default 15 s. */
  timeoutMs?: number;
  /** Called with each body chunk as it arrives; return true to close the connection there (client disconnect). */
  onChunk?: (text: string) => boolean | undefined;
}

export interface AttackResponse {
  /** 0 when no response arrived (connection refused, reset or timed out). */
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** SSE events of a `text/event-stream` answer, in order (comments are not events). */
  frames: EventSourceMessage[];
  /** Whether the stream ended with `data: [DONE]`. */
  done: boolean;
  /** Concatenated `chunk` texts of the SSE frames. */
  text: string;
  /** The SSE `event: error` payload's code, when the stream ended with one. */
  streamErrorCode?: string;
  ms: number;
  /** Transport problem (timeout, reset, refused), when there was one. */
  error?: string;
  /** True when `onChunk` asked to disconnect. */
  disconnected: boolean;
}

const MAX_KEPT_BODY = 2 * 1024 * 1024;

/** Sends one request and reads the whole answer (bounded by `timeoutMs`). Never throws. */
export function send(req: AttackRequest): Promise<AttackResponse> {
  const started = Date.now();
  const url = new URL(req.url);
  const client = url.protocol === "https:" ? https : http;
  const timeoutMs = req.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    let settled = false;
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    let body = "";
    let disconnected = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ...parseSse(body, headers),
        status,
        headers,
        body,
        ms: Date.now() - started,
        error,
        disconnected,
      });
    };
    const outgoing = client.request(
      url,
      { method: req.method ?? "POST", headers: req.headers ?? {}, setHost: !hasHost(req.headers) },
      (res) => {
        status = res.statusCode ?? 0;
        headers = res.headers;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (body.length < MAX_KEPT_BODY) body += chunk;
          if (req.onChunk?.(chunk)) {
            disconnected = true;
            outgoing.destroy();
            finish();
          }
        });
        res.on("end", () => finish());
        res.on("error", (e) => finish(e.message));
        res.on("close", () => finish(res.complete ? undefined : "response cut before its end"));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish(`timed out after ${timeoutMs} ms`);
    }, timeoutMs);
    outgoing.on("error", (e) => finish(e.message));
    if (req.body !== undefined) outgoing.end(req.body);
    else outgoing.end();
  });
}

function hasHost(headers: AttackRequest["headers"]): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "host");
}

function parseSse(
  body: string,
  headers: http.IncomingHttpHeaders,
): Pick<AttackResponse, "frames" | "done" | "text" | "streamErrorCode"> {
  if (!String(headers["content-type"] ?? "").startsWith("text/event-stream")) {
    return { frames: [], done: false, text: "" };
  }
  const stream = readChatStream(body);
  return {
    frames: stream.events,
    done: stream.done,
    text: stream.chunks.join(""),
    streamErrorCode: stream.errorCode,
  };
}

/** The pinned error body's code, `{"error":{"code":...}}`, or undefined. */
export function errorCodeOf(text: string): string | undefined {
  return pinnedErrorField(text, "code");
}

/** The pinned error body's message, or undefined. */
export function errorMessageOf(text: string): string | undefined {
  return pinnedErrorField(text, "message");
}

function pinnedErrorField(text: string, field: "code" | "message"): string | undefined {
  try {
    const value = (JSON.parse(text) as { error?: Record<string, unknown> }).error?.[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `tasks` with at most `limit` in flight; results keep the input order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
