import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  SSE_HEADERS,
  type SseTestServer,
  startSseTestServer,
  writeSlowly,
} from "../test-support/sse-test-server.js";
import {
  ChatbotAuthError,
  ChatbotConfigError,
  ChatbotHttpError,
  ChatbotNetworkError,
  ChatbotProtocolError,
  ChatbotStreamError,
  type ChatRequest,
  ConnectionLostError,
  hashPayload,
  streamChat,
} from "./chatbotApi.js";

const token = `tok-${Math.random().toString(36).slice(2)}`;
const auth = async () => ({ Authorization: `Bearer ${token}` });
const request: ChatRequest = {
  problemDetails: { title: "Two Sum", description: "Find two numbers — ünïcode ✓" },
  userCode: "function twoSum(nums, target) {\n  return [];\n}",
  history: [
    { role: "user", content: "hi" },
    { role: "model", content: "Hello!" },
  ],
  query: "Why is my answer empty?",
};
const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

let server: SseTestServer;
beforeAll(async () => {
  server = await startSseTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function collect() {
  const chunks: string[] = [];
  return { chunks, onChunk: (text: string) => chunks.push(text) };
}

describe("hashPayload", () => {
  it("matches the SHA-256 known vectors for the empty string and 'abc' (FIPS 180-2)", async () => {
    expect(await hashPayload("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(await hashPayload("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the UTF-8 bytes, as node:crypto does", async () => {
    const text = "naïve — 日本語 🚀";
    expect(await hashPayload(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});

describe("streamChat request", () => {
  it("POSTs the JSON body with auth, content type and the SHA-256 of the exact bytes sent", async () => {
    server.setHandler((_req, res) =>
      res.writeHead(200, SSE_HEADERS).end(`${data({ chunk: "ok" })}data: [DONE]\n\n`),
    );
    const result = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    });
    expect(result).toEqual({ text: "ok", outcome: "done", requestId: "req-test-1" });
    const [received] = server.requests;
    expect(received?.method).toBe("POST");
    expect(received?.headers.authorization).toBe(`Bearer ${token}`);
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers["x-amz-content-sha256"]).toBe(received?.bodySha256);
    expect(JSON.parse(received?.body ?? "")).toEqual(request);
  });

  it("reads the endpoint from process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT by default", async () => {
    server.setHandler((_req, res) => res.writeHead(200, SSE_HEADERS).end("data: [DONE]\n\n"));
    process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT = server.url;
    try {
      await streamChat(request, { getAuthHeaders: auth, onChunk: () => {} });
    } finally {
      delete process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT;
    }
    expect(server.requests).toHaveLength(1);
  });

  it("throws ChatbotConfigError when no endpoint is configured", async () => {
    await expect(streamChat(request, { getAuthHeaders: auth, onChunk: () => {} })).rejects.toThrow(
      ChatbotConfigError,
    );
  });

  it("makes no request when there is no session", async () => {
    const noSession = async () => {
      throw new ChatbotAuthError("NOT_SIGNED_IN", "No user is signed in");
    };
    await expect(
      streamChat(request, { endpoint: server.url, getAuthHeaders: noSession, onChunk: () => {} }),
    ).rejects.toMatchObject({ name: "ChatbotAuthError", reason: "NOT_SIGNED_IN" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("streamChat SSE parsing", () => {
  it("delivers chunks in order, ignores keep-alive comments and anything after [DONE]", async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      void writeSlowly(res, [
        ": keep-alive\n\n",
        data({ chunk: "Hello" }),
        ": keep-alive\n\n",
        data({ chunk: ", how can I help?" }),
        "data: [DONE]\n\n",
        data({ chunk: "ignored" }),
      ]).then(() => res.end());
    });
    const { chunks, onChunk } = collect();
    const result = await streamChat(request, { endpoint: server.url, getAuthHeaders: auth, onChunk });
    expect(chunks).toEqual(["Hello", ", how can I help?"]);
    expect(result.text).toBe("Hello, how can I help?");
  });

  it("parses the same events whatever the byte boundaries of the network reads (property, real HTTP)", async () => {
    await fc.assert(
      fc.asyncProperty(streamScript(), async ({ chunks, bytes, cuts }) => {
        server.setHandler((_req, res) => {
          res.writeHead(200, SSE_HEADERS);
          void writeSlowly(res, splitAt(bytes, cuts), 0).then(() => res.end());
        });
        const seen = collect();
        const result = await streamChat(request, { endpoint: server.url, getAuthHeaders: auth, ...seen });
        expect(seen.chunks).toEqual(chunks);
        expect(result.outcome).toBe("done");
      }),
      { numRuns: 15 },
    );
  });

  it("parses the same events across arbitrary splits, even inside a UTF-8 character (property, exact reads)", async () => {
    await fc.assert(
      fc.asyncProperty(streamScript(), async ({ chunks, bytes, cuts }) => {
        // A Response over a ReadableStream delivers exactly these pieces, one read each.
        const pieces = splitAt(bytes, cuts);
        const fetchPieces: typeof fetch = async () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                for (const piece of pieces) controller.enqueue(piece);
                controller.close();
              },
            }),
            { status: 200, headers: SSE_HEADERS },
          );
        const seen = collect();
        const result = await streamChat(request, {
          endpoint: "http://127.0.0.1:1/chatbot",
          fetch: fetchPieces,
          getAuthHeaders: auth,
          ...seen,
        });
        expect(seen.chunks).toEqual(chunks);
        expect(result.text).toBe(chunks.join(""));
      }),
      { numRuns: 200 },
    );
  });
});

describe("streamChat errors", () => {
  it("types a 401 JSON error by its code and request id", async () => {
    server.setHandler((_req, res) =>
      res
        .writeHead(401, {
          "content-type": "application/json",
          "www-authenticate": 'Bearer error="invalid_token"',
        })
        .end(
          JSON.stringify({ error: { code: "TOKEN_EXPIRED", message: "Token expired", requestId: "r-401" } }),
        ),
    );
    const error = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbotHttpError);
    expect(error).toMatchObject({ status: 401, code: "TOKEN_EXPIRED", requestId: "r-401", retryable: false });
    expect((error as Error).message).toBe("Token expired");
  });

  it("reads Retry-After seconds on a 429", async () => {
    server.setHandler((_req, res) =>
      res
        .writeHead(429, { "content-type": "application/json", "retry-after": "7" })
        .end(
          JSON.stringify({ error: { code: "UPSTREAM_RATE_LIMITED", message: "slow down", requestId: "r" } }),
        ),
    );
    await expect(
      streamChat(request, { endpoint: server.url, getAuthHeaders: auth, onChunk: () => {} }),
    ).rejects.toMatchObject({
      status: 429,
      code: "UPSTREAM_RATE_LIMITED",
      retryAfterSeconds: 7,
      retryable: true,
    });
  });

  it("reads a Retry-After HTTP-date (RFC 9110 10.2.3)", async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    server.setHandler((_req, res) =>
      res.writeHead(429, { "content-type": "application/json", "retry-after": when }).end("{}"),
    );
    const error = (await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    }).catch((e: unknown) => e)) as ChatbotHttpError;
    expect(error.code).toBe("HTTP_429");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it("keeps the status when a 5xx body is not the pinned JSON (e.g. a proxy's HTML page)", async () => {
    server.setHandler((_req, res) =>
      res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>"),
    );
    await expect(
      streamChat(request, { endpoint: server.url, getAuthHeaders: auth, onChunk: () => {} }),
    ).rejects.toMatchObject({ name: "ChatbotHttpError", status: 502, code: "HTTP_502", retryable: true });
  });

  it("throws ChatbotStreamError with the partial text on `event: error`", async () => {
    server.setHandler((_req, res) =>
      res
        .writeHead(200, SSE_HEADERS)
        .end(
          `${data({ chunk: "Part" })}event: error\ndata: ${JSON.stringify({ error: { code: "UPSTREAM_UNAVAILABLE", message: "model down" } })}\n\n`,
        ),
    );
    const error = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbotStreamError);
    expect(error).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", message: "model down", partialText: "Part" });
  });

  it("throws ConnectionLostError keeping the partial text when the stream ends without [DONE]", async () => {
    server.setHandler((_req, res) =>
      res.writeHead(200, SSE_HEADERS).end(`${data({ chunk: "Half an " })}data: {"chu`),
    );
    const error = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect(error).toMatchObject({
      partialText: "Half an ",
      message: "The stream ended before the answer was complete",
    });
  });

  it("throws ConnectionLostError when the socket is destroyed mid-answer", async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write(data({ chunk: "Begun" }));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await streamChat(request, {
      endpoint: server.url,
      getAuthHeaders: auth,
      onChunk: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as ConnectionLostError).partialText).toBe("Begun");
  });

  it("throws ChatbotNetworkError when nothing listens", async () => {
    const closed = await startSseTestServer();
    const url = closed.url;
    await closed.close();
    await expect(
      streamChat(request, { endpoint: url, getAuthHeaders: auth, onChunk: () => {} }),
    ).rejects.toThrow(ChatbotNetworkError);
  });

  it("throws ChatbotProtocolError for a 200 that is not an event stream", async () => {
    server.setHandler((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    await expect(
      streamChat(request, { endpoint: server.url, getAuthHeaders: auth, onChunk: () => {} }),
    ).rejects.toThrow(
      new ChatbotProtocolError('Expected an event stream, got content-type "application/json"'),
    );
  });
});

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

/** Random chunk texts, rendered as a pinned SSE stream with comments, and random cut points. */
function streamScript() {
  const chunkText = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
  return fc
    .record({
      chunks: fc.array(fc.oneof(chunkText, fc.constantFrom("line\nbreak", "ü✓🚀", '"quoted"\r\n')), {
        minLength: 0,
        maxLength: 8,
      }),
      eol: fc.constantFrom("\n", "\r\n"),
      keepAlives: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    })
    .chain(({ chunks, eol, keepAlives }) => {
      let text = "";
      chunks.forEach((chunk, i) => {
        if (keepAlives[i]) text += `: keep-alive${eol}${eol}`;
        text += `data: ${JSON.stringify({ chunk })}${eol}${eol}`;
      });
      text += `data: [DONE]${eol}${eol}`;
      const bytes = new TextEncoder().encode(text);
      return fc
        .uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 12 })
        .map((cuts) => ({ chunks, bytes, cuts: [...cuts].sort((a, b) => a - b) }));
    });
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut > start && cut < bytes.length) {
      pieces.push(bytes.slice(start, cut));
      start = cut;
    }
  }
  pieces.push(bytes.slice(start));
  return pieces;
}
