/**
 * The Gemini stub, unmodified, behind a thin http.Server that records when each SSE frame is handed
 * to the socket (`res.write`) and the text it carries. This is the "piece left the stub" time of
 * case 3; it is taken in this process, on the same clock as the client's receive times.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { GeminiStubConfig } from "../emulator/config/types.js";
import { createGeminiServer } from "../emulator/gemini/server.js";
import type { TimedChunk } from "./sse-timeline.js";

export interface InstrumentedStub {
  url: string;
  port: number;
  /** Pieces written since the last `reset()`, in order (all requests; measure one at a time). */
  sent: TimedChunk[];
  reset(): void;
  close(): Promise<void>;
}

/** Text parts of one `data: <json>\r\n\r\n` frame (or several in one write). */
function frameTexts(chunk: unknown): string[] {
  const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
  const texts: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("data: ")) continue;
    try {
      const frame = JSON.parse(line.slice(6)) as {
        candidates?: { content?: { parts?: { text?: string }[] } }[];
      };
      for (const part of frame.candidates?.[0]?.content?.parts ?? []) {
        if (typeof part.text === "string" && part.text !== "") texts.push(part.text);
      }
    } catch {
      // Not a JSON frame: nothing to time.
    }
  }
  return texts;
}

export async function startInstrumentedStub(config: GeminiStubConfig): Promise<InstrumentedStub> {
  const stub = createGeminiServer({ config });
  const state = { sent: [] as TimedChunk[] };
  const server = http.createServer((req, res) => {
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const at = performance.now();
      for (const text of frameTexts(chunk)) state.sent.push({ at, text });
      return write(chunk, ...rest);
    }) as typeof res.write;
    stub.app(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get sent() {
      return state.sent;
    },
    reset() {
      state.sent = [];
    },
    async close() {
      await stub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
