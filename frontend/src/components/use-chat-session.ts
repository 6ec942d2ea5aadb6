/**
 * The tutor panel's conversation with the endpoint: sends a question with the conversation so far,
 * streams the answer into the session, and turns how the request ended (done, stopped, failed) into
 * the session's `ended` step. Stop aborts the request; leaving the page does too.
 */
import { useEffect, useReducer, useRef } from "react";
import type { ProblemDetails, StreamChat, StreamResult } from "../lib/chat-types.js";
import {
  ChatbotAuthError,
  ChatbotHttpError,
  ChatbotStreamError,
  ConnectionLostError,
} from "../lib/errors.js";
import { chatSession, type DisplayMessage, emptySession, message } from "./chat-session.js";
import { describeChatError } from "./error-messages.js";

export interface ChatSessionOptions {
  problemDetails: ProblemDetails;
  userCode: string;
  client: StreamChat;
  /** Overrides the endpoint the default client uses. */
  endpoint?: string;
  /** Overrides how the default client gets the auth header (e.g. a non-Amplify session). */
  getAuthHeaders?: () => Promise<Record<string, string>>;
  /** Called when the user must sign in (again): no session, or the endpoint answered 401. */
  onAuthRequired?: () => void;
}

export function useChatSession(options: ChatSessionOptions) {
  const [session, dispatch] = useReducer(chatSession, emptySession);
  const abortRef = useRef<AbortController | null>(null);

  // Leaving the page must not leave a stream (and its connection) running.
  useEffect(() => () => abortRef.current?.abort(), []);

  async function ask(query: string, before: DisplayMessage[], by: "input" | "retry") {
    const controller = new AbortController();
    abortRef.current = controller;
    const question = message("user", query);
    dispatch({ type: "asked", before, question, by });
    let partial = "";
    try {
      const result = await request(options, query, before, controller.signal, (text) => {
        partial += text;
        dispatch({ type: "streamed", partial });
      });
      dispatch({ type: "ended", before, question, answer: answerOf(result) });
    } catch (caught) {
      const notice = describeChatError(caught);
      const retry = notice.retryable ? { query, before } : null;
      const answer = keptAnswer(caught, partial);
      dispatch({ type: "ended", before, question, answer, failure: { text: notice.text, retry } });
      if (needsSignIn(caught)) options.onAuthRequired?.();
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  return {
    ...session,
    setInput: (text: string) => dispatch({ type: "typed", text }),
    send() {
      const query = session.input.trim();
      if (query === "" || session.isLoading) return;
      void ask(query, session.messages, "input");
    },
    retry() {
      if (session.failed === null || session.isLoading) return;
      void ask(session.failed.query, session.failed.before, "retry");
    },
    stop: () => abortRef.current?.abort(),
  };
}

function request(
  { client, problemDetails, userCode, endpoint, getAuthHeaders }: ChatSessionOptions,
  query: string,
  before: DisplayMessage[],
  signal: AbortSignal,
  onChunk: (text: string) => void,
): Promise<StreamResult> {
  return client(
    { problemDetails, userCode, history: before.map(({ role, content }) => ({ role, content })), query },
    {
      signal,
      onChunk,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(getAuthHeaders === undefined ? {} : { getAuthHeaders }),
    },
  );
}

/** A finished answer, or the part before Stop; nothing when stopped before the first word. */
function answerOf(result: StreamResult): DisplayMessage | undefined {
  if (result.outcome === "done") return message("model", result.text);
  return result.text === "" ? undefined : message("model", result.text, "stopped");
}

/** What arrived before a failure, marked incomplete; nothing when nothing arrived. */
function keptAnswer(caught: unknown, partial: string): DisplayMessage | undefined {
  const kept =
    caught instanceof ConnectionLostError || caught instanceof ChatbotStreamError
      ? caught.partialText
      : partial;
  return kept === "" ? undefined : message("model", kept, "incomplete");
}

/** No session, or the endpoint refused the token: the host page must sign the user in (again). */
function needsSignIn(caught: unknown): boolean {
  return caught instanceof ChatbotAuthError || (caught instanceof ChatbotHttpError && caught.status === 401);
}
