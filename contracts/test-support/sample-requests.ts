/** Example bodies for the contract (pinned shape: docs/interfaces.md#request-body). */
import type { ChatRequest } from "../../frontend/src/lib/chatbotApi.js";

export const QUESTION: ChatRequest = {
  problemDetails: {
    title: "Two Sum",
    description: "Return the indices of the two numbers that add up to target.",
  },
  userCode: "def two_sum(nums, target):\n    for i in range(len(nums)):\n        pass",
  history: [
    { role: "user", content: "Where do I start?" },
    { role: "model", content: "Think about what you need to remember while you scan the list." },
  ],
  query: "Why is my loop too slow?",
};

/**
 * Breaks the schema: `assistant` is not a role the API knows (only `user` and `model`). A typical
 * mistake of code written for another chat API, so it is the one the contract pins.
 */
export const SCHEMA_BREAKING_BODY = {
  ...QUESTION,
  history: [{ role: "assistant", content: "Think about what you need to remember." }],
} as unknown as ChatRequest;

/** Over the handler's 256 KiB body limit (handler/src/request.ts LIMITS.bodyBytes) by a margin. */
export const OVERSIZED_BODY: ChatRequest = { ...QUESTION, userCode: "x".repeat(270 * 1024) };
