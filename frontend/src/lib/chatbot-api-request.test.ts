/** What streamChat sends, where it sends it, and when it sends nothing. */
import { describe, expect, it } from "vitest";
import { auth, data, request, sseTestServerForFile, token } from "../test-support/chatbot-api-suite.js";
import { SSE_HEADERS } from "../test-support/sse-test-server.js";
import { ChatbotAuthError, ChatbotConfigError, streamChat } from "./chatbotApi.js";

const server = sseTestServerForFile();

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
