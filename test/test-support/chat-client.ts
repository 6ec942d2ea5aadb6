import { sha256Hex } from "../../emulator/stack/sample-request.js";

export interface ChatBody {
  problemDetails: { title: string; description: string };
  userCode: string;
  history: { role: "user" | "model"; content: string }[];
  query: string;
}

export function chatBody(query: string, extra: Partial<ChatBody> = {}): ChatBody {
  return {
    problemDetails: { title: "Two Sum", description: "Return indices of two numbers adding up to target." },
    userCode: "function twoSum(nums, target) { return []; }",
    history: [],
    query,
    ...extra,
  };
}

/** Viewer-side headers as the real client sends them: bearer token, body hash, JSON type. */
export function viewerHeaders(idToken: string | undefined, body: string): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-amz-content-sha256": sha256Hex(body),
  };
  if (idToken) headers.authorization = `Bearer ${idToken}`;
  return headers;
}

export interface TimedChunk {
  at: number;
  text: string;
}

/** Reads a response body, recording when each network read arrived. */
export async function readTimed(res: Response): Promise<{ chunks: TimedChunk[]; text: string }> {
  const chunks: TimedChunk[] = [];
  const decoder = new TextDecoder();
  const reader = res.body?.getReader();
  if (!reader) return { chunks, text: "" };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push({ at: performance.now(), text: decoder.decode(value, { stream: true }) });
  }
  return { chunks, text: chunks.map((c) => c.text).join("") };
}

/** The `chunk` payloads of an SSE body, in order. */
export function sseChunks(text: string): string[] {
  return text
    .split("\n\n")
    .filter((event) => event.startsWith("data: {"))
    .map((event) => (JSON.parse(event.slice("data: ".length)) as { chunk: string }).chunk);
}
