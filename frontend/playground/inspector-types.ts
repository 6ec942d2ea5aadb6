/**
 * The inspector's JSON as this page reads it (the endpoint is injected as
 * `__PLAYGROUND_CONFIG__.inspectorEndpoint`): the page knows the wire shape, not the server's code.
 * Only the fields the page draws are listed.
 */

/** One hop on the wire: times in milliseconds relative to the chat's start. */
export interface HopView {
  name: string;
  startMs: number;
  durationMs: number | null;
  outcome: string;
  status: number | null;
  reason: string | null;
  detail: Record<string, unknown>;
  logs?: string[];
}

/** One chat on the wire. */
export interface ChatView {
  id: string;
  startedAt: string;
  durationMs: number | null;
  status: number | null;
  refusal: { hop: string; status: number | null; reason: string | null } | null;
  dropped: number;
  hops: HopView[];
}

/** The body of the inspector's list endpoint. */
export interface ChatList {
  chats?: ChatView[];
  error?: { message: string };
}
