/**
 * What the tutor panel shows, as one state with named steps: the conversation, the question being
 * typed, the answer streaming in, and the last failure. Pure (no React), so every step reads on its
 * own; `use-chat-session.ts` runs the requests and dispatches the steps.
 */
import type { ChatMessage } from "../lib/chat-types.js";

export interface DisplayMessage extends ChatMessage {
  id: number;
  /** `stopped`: the user pressed Stop; `incomplete`: the connection or the tutor failed mid-answer. */
  status?: "stopped" | "incomplete";
}

export interface FailedRequest {
  query: string;
  /** The conversation before the failed question, restored on Retry. */
  before: DisplayMessage[];
}

export interface ChatSession {
  messages: DisplayMessage[];
  /** The text in the input box. */
  input: string;
  isLoading: boolean;
  /** The answer so far while it streams; empty otherwise. */
  streamingResponse: string;
  /** The sentence shown for the last failure. */
  error: string | null;
  /** The request Retry sends again; null when the failure is not worth retrying. */
  failed: FailedRequest | null;
}

export type ChatStep =
  | { type: "typed"; text: string }
  /** A question goes out: typed by the user (the input empties) or sent again by Retry. */
  | { type: "asked"; before: DisplayMessage[]; question: DisplayMessage; by: "input" | "retry" }
  | { type: "streamed"; partial: string }
  /**
   * The request is over. With an answer, it follows the question; without one, the question is
   * given back. A failure also leaves its sentence and, when retryable, what Retry sends.
   */
  | {
      type: "ended";
      before: DisplayMessage[];
      question: DisplayMessage;
      answer: DisplayMessage | undefined;
      failure?: { text: string; retry: FailedRequest | null };
    };

export const emptySession: ChatSession = {
  messages: [],
  input: "",
  isLoading: false,
  streamingResponse: "",
  error: null,
  failed: null,
};

let nextId = 1;
export const message = (
  role: ChatMessage["role"],
  content: string,
  status?: DisplayMessage["status"],
): DisplayMessage =>
  status === undefined ? { id: nextId++, role, content } : { id: nextId++, role, content, status };

export function chatSession(state: ChatSession, step: ChatStep): ChatSession {
  switch (step.type) {
    case "typed":
      return { ...state, input: step.text };
    case "asked":
      return {
        ...state,
        messages: [...step.before, step.question],
        // Retry leaves alone a new question the user has started typing.
        input: step.by === "input" || state.input === step.question.content ? "" : state.input,
        error: null,
        failed: null,
        isLoading: true,
        streamingResponse: "",
      };
    case "streamed":
      return { ...state, streamingResponse: step.partial };
    case "ended":
      return {
        ...state,
        ...(step.answer === undefined
          ? giveBack(state, step.before, step.question.content)
          : { messages: [...step.before, step.question, step.answer] }),
        ...(step.failure === undefined ? {} : { error: step.failure.text, failed: step.failure.retry }),
        isLoading: false,
        streamingResponse: "",
      };
  }
}

/**
 * No answer came (stopped before the first word, or failed): the question leaves the conversation
 * and goes back into the input box, unless the user has typed something else there meanwhile.
 */
function giveBack(state: ChatSession, before: DisplayMessage[], query: string) {
  return { messages: before, input: state.input === "" ? query : state.input };
}
