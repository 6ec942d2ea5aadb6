/** Aborting streamChat: the partial answer is kept and the connection released. */
import { describe, expect, it } from "vitest";
import { auth, data, request, sseTestServerForFile } from "../test-support/chatbot-api-suite.js";
import { SSE_HEADERS } from "../test-support/sse-test-server.js";
import { streamChat } from "./chatbotApi.js";

const server = sseTestServerForFile();

describe("streamChat abort", () => {
  it("stops reading, resolves with the partial text and releases the connection", async () => {
    let keepAlives = 0;
    server.setHandler((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write(data({ chunk: "First" }));
      // An answer that never ends on its own; bounded so a broken client cannot hang the suite.
      const timer = setInterval(() => {
        keepAlives += 1;
        if (keepAlives > 200) clearInterval(timer);
        res.write(": keep-alive\n\n");
      }, 10);
      res.on("close", () => clearInterval(timer));
    });
    const controller = new AbortController();
    const chunks: string[] = [];
    const result = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      signal: controller.signal,
      onChunk: (text) => {
        chunks.push(text);
        setTimeout(() => controller.abort(), 30);
      },
    });
    expect(result).toEqual({ text: "First", outcome: "aborted", requestId: "req-test-1" });
    expect(chunks).toEqual(["First"]);
    // The server sees its response's connection close: the socket was released, not drained.
    await expect(
      Promise.race([
        server.requests[0]?.closed.then(() => "closed"),
        new Promise((resolve) => setTimeout(() => resolve("still open"), 2000)),
      ]),
    ).resolves.toBe("closed");
    expect(keepAlives).toBeLessThan(200);
  });

  it("still stops and releases the connection with a fetch that ignores the signal", async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write(data({ chunk: "One" }));
      const timer = setInterval(() => res.write(": keep-alive\n\n"), 10);
      setTimeout(() => clearInterval(timer), 5000);
      res.on("close", () => clearInterval(timer));
    });
    // Drops the signal, as a wrapper fetch might: only the client's own reader.cancel() can stop it.
    const deafFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: null });
    const controller = new AbortController();
    const result = await streamChat(request, {
      endpoint: server.url,
      fetch: deafFetch,
      getAuthHeaders: auth,
      signal: controller.signal,
      onChunk: () => setTimeout(() => controller.abort(), 20),
    });
    expect(result).toMatchObject({ text: "One", outcome: "aborted" });
    await expect(
      Promise.race([
        server.requests[0]?.closed.then(() => "closed"),
        new Promise((resolve) => setTimeout(() => resolve("still open"), 2000)),
      ]),
    ).resolves.toBe("closed");
  });

  it("makes no request when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      signal: controller.signal,
      onChunk: () => {},
    });
    expect(result.outcome).toBe("aborted");
    expect(server.requests).toHaveLength(0);
  });
});
