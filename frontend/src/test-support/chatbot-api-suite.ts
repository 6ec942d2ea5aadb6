/**
 * What the chatbot-api-*.test.ts files share: a token and auth callback, a sample request, one
 * SSE test server per test file (its recorded requests cleared before each test) and helpers.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { ChatRequest } from "../lib/chatbotApi.js";
import { type SseTestServer, startSseTestServer } from "./sse-test-server.js";

export const token = `tok-${Math.random().toString(36).slice(2)}`;
export const auth = async () => ({ Authorization: `Bearer ${token}` });
export const request: ChatRequest = {
  problemDetails: { title: "Two Sum", description: "Find two numbers — ünïcode ✓" },
  userCode: "function twoSum(nums, target) {\n  return [];\n}",
  history: [
    { role: "user", content: "hi" },
    { role: "model", content: "Hello!" },
  ],
  query: "Why is my answer empty?",
};
export const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/**
 * Registers the file's hooks and returns its server. The object is filled in by `beforeAll`, so
 * read its fields inside tests, never at collection time.
 */
export function sseTestServerForFile(): SseTestServer {
  const server = {} as SseTestServer;
  beforeAll(async () => {
    Object.assign(server, await startSseTestServer());
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  return server;
}

export function collect() {
  const chunks: string[] = [];
  return { chunks, onChunk: (text: string) => chunks.push(text) };
}
