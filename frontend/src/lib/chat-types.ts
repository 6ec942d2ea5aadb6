/** The request body (pinned: docs/interfaces.md#request-body). */

export type ChatRole = "user" | "model";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ProblemDetails {
  title: string;
  description: string;
  [field: string]: unknown;
}

export interface ChatRequest {
  problemDetails: ProblemDetails;
  userCode: string;
  history: ChatMessage[];
  query: string;
}

export interface StreamResult {
  /** All chunk text received, in order. */
  text: string;
  /** `done`: the server sent `[DONE]`; `aborted`: the caller's signal stopped it (text is partial). */
  outcome: "done" | "aborted";
  /** The server's `x-request-id`, when it sent one. */
  requestId: string | undefined;
}

export interface StreamChatOptions {
  /** Called once per `data: {"chunk":...}` event with that piece of text. */
  onChunk: (text: string) => void;
  signal?: AbortSignal;
  /** Defaults to `process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT`. */
  endpoint?: string;
  fetch?: typeof fetch;
  /** Defaults to the Amplify session (`getAuthHeaders`). */
  getAuthHeaders?: () => Promise<Record<string, string>>;
}

/** The signature of `streamChat`, so a component can take any client (a test double, a proxy). */
export type StreamChat = (request: ChatRequest, options: StreamChatOptions) => Promise<StreamResult>;
