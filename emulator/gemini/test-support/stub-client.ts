/** Shared by this folder's tests: a stub on 127.0.0.1 port 0 with a key generated at run time. */

import { randomBytes } from "node:crypto";
import { defaultConfig } from "../../config/defaults.js";
import type { GeminiStubConfig } from "../../config/types.js";
import { createGeminiServer, type GeminiServer, type GeminiServerOptions } from "../server.js";

export interface RunningStub {
  stub: GeminiServer;
  url: string;
  apiKey: string;
  config: GeminiStubConfig;
}

export async function startStub(
  overrides: Partial<GeminiStubConfig> = {},
  options: Pick<GeminiServerOptions, "clock" | "log"> = {},
): Promise<RunningStub> {
  const apiKey = `test-${randomBytes(12).toString("hex")}`;
  // Fast pacing by default so tests stay quick; tests of pacing set their own.
  const config: GeminiStubConfig = { ...defaultConfig().gemini, apiKey, pieceDelayMs: 2, ...overrides };
  const stub = createGeminiServer({ config, ...options });
  const { url } = await stub.listen(0, "127.0.0.1");
  return { stub, url, apiKey, config };
}

export function userTurn(text: string): { contents: { role: string; parts: { text: string }[] }[] } {
  return { contents: [{ role: "user", parts: [{ text }] }] };
}

/** POSTs JSON with the key in the header and returns status, headers and the raw body text. */
export async function postRaw(
  running: RunningStub,
  path: string,
  body: unknown,
  headers: Record<string, string> = { "x-goog-api-key": running.apiKey },
): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${running.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

/** Splits an SSE body into the JSON objects of its `data:` frames, checking the exact framing. */
export function sseFrames(text: string): Record<string, unknown>[] {
  if (!text.endsWith("\r\n\r\n")) throw new Error("SSE body does not end with CRLF CRLF");
  return text
    .slice(0, -4)
    .split("\r\n\r\n")
    .map((frame) => {
      if (!frame.startsWith("data: ") || frame.includes("\n"))
        throw new Error(`Unexpected SSE frame: ${frame}`);
      return JSON.parse(frame.slice("data: ".length)) as Record<string, unknown>;
    });
}

export const STREAM_PATH = "/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse";
export const GENERATE_PATH = "/v1beta/models/gemini-3.8-flash:generateContent";
