import { readChatStream } from "../../emulator/stack/chat-stream.js";

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

/** The `chunk` payloads of an SSE body, in order, read as the browser's client reads them. */
export function sseChunks(text: string): string[] {
  return readChatStream(text).chunks;
}
