/** How streamChat types each failure: HTTP errors, stream errors, lost connections, bad responses. */
import { describe, expect, it } from "vitest";
import { auth, data, request, sseTestServerForFile } from "../test-support/chatbot-api-suite.js";
import { SSE_HEADERS, startSseTestServer } from "../test-support/sse-test-server.js";
import {
  ChatbotHttpError,
  ChatbotNetworkError,
  ChatbotProtocolError,
  ChatbotStreamError,
  ConnectionLostError,
  streamChat,
} from "./chatbotApi.js";

const server = sseTestServerForFile();

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
