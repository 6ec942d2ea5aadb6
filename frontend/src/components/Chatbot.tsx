/**
 * The AI tutor panel for the solve page. Sends the problem, the user's code, the conversation so
 * far and the new question; shows the answer as it streams; Stop aborts it.
 *
 * @example
 * <Chatbot problemDetails={{ title: "Two Sum", description: "..." }} userCode={code} />
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { ChatMessage, ProblemDetails, StreamChat } from "../lib/chat-types.js";
import { streamChat } from "../lib/chatbotApi.js";
import {
  ChatbotAuthError,
  ChatbotHttpError,
  ChatbotStreamError,
  ConnectionLostError,
} from "../lib/errors.js";
import { describeChatError } from "./error-messages.js";
import { Markdown } from "./Markdown.js";

export interface ChatbotProps {
  problemDetails: ProblemDetails;
  userCode: string;
  /** The client; defaults to `streamChat` (Amplify session, `NEXT_PUBLIC_CHATBOT_API_ENDPOINT`). */
  client?: StreamChat;
  /** Overrides the endpoint the default client uses. */
  endpoint?: string;
  /** Overrides how the default client gets the auth header (e.g. a non-Amplify session). */
  getAuthHeaders?: () => Promise<Record<string, string>>;
  /** Called when the user must sign in (again): no session, or the endpoint answered 401. */
  onAuthRequired?: () => void;
}

export interface DisplayMessage extends ChatMessage {
  id: number;
  /** `stopped`: the user pressed Stop; `incomplete`: the connection or the tutor failed mid-answer. */
  status?: "stopped" | "incomplete";
}

interface FailedRequest {
  query: string;
  /** The conversation before the failed question, restored on Retry. */
  before: DisplayMessage[];
}

let nextId = 1;
const message = (
  role: ChatMessage["role"],
  content: string,
  status?: DisplayMessage["status"],
): DisplayMessage =>
  status === undefined ? { id: nextId++, role, content } : { id: nextId++, role, content, status };

export function Chatbot({
  problemDetails,
  userCode,
  client = streamChat,
  endpoint,
  getAuthHeaders,
  onAuthRequired,
}: ChatbotProps) {
  const [messages, setMessages] = useState<DisplayMessage[]>([]);
  const [userInput, setUserInput] = useState("");
  const [isLoading, setIsLoading] = useState(false);
  const [streamingResponse, setStreamingResponse] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<FailedRequest | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const inputId = useId();

  const listRef = useRef<HTMLOListElement | null>(null);

  // Leaving the page must not leave a stream (and its connection) running.
  useEffect(() => () => abortRef.current?.abort(), []);

  // The conversation scrolls inside its own box: bring the newest message into view when one is
  // added, or it ends up below the fold (seen in the browser test's screenshots).
  useEffect(() => {
    const list = listRef.current;
    if (list !== null && messages.length > 0) list.scrollTop = list.scrollHeight;
  }, [messages]);

  async function ask(query: string, before: DisplayMessage[]) {
    const controller = new AbortController();
    abortRef.current = controller;
    const question = message("user", query);
    setMessages([...before, question]);
    setError(null);
    setFailed(null);
    setIsLoading(true);
    setStreamingResponse("");
    let partial = "";
    try {
      const result = await client(
        {
          problemDetails,
          userCode,
          history: before.map(({ role, content }) => ({ role, content })),
          query,
        },
        {
          signal: controller.signal,
          onChunk: (text) => {
            partial += text;
            setStreamingResponse(partial);
          },
          ...(endpoint === undefined ? {} : { endpoint }),
          ...(getAuthHeaders === undefined ? {} : { getAuthHeaders }),
        },
      );
      if (result.outcome === "done") {
        setMessages([...before, question, message("model", result.text)]);
      } else if (result.text !== "") {
        setMessages([...before, question, message("model", result.text, "stopped")]);
      } else {
        // Stopped before any answer: give the question back instead of leaving it unanswered.
        setMessages(before);
        setUserInput((current) => (current === "" ? query : current));
      }
    } catch (caught) {
      const notice = describeChatError(caught);
      const kept =
        caught instanceof ConnectionLostError || caught instanceof ChatbotStreamError
          ? caught.partialText
          : partial;
      if (kept !== "") {
        setMessages([...before, question, message("model", kept, "incomplete")]);
      } else {
        setMessages(before);
        setUserInput((current) => (current === "" ? query : current));
      }
      setError(notice.text);
      setFailed(notice.retryable ? { query, before } : null);
      if (
        caught instanceof ChatbotAuthError ||
        (caught instanceof ChatbotHttpError && caught.status === 401)
      ) {
        onAuthRequired?.();
      }
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setIsLoading(false);
      setStreamingResponse("");
    }
  }

  function send() {
    const query = userInput.trim();
    if (query === "" || isLoading) return;
    setUserInput("");
    void ask(query, messages);
  }

  function retry() {
    if (failed === null || isLoading) return;
    setUserInput((current) => (current === failed.query ? "" : current));
    void ask(failed.query, failed.before);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter falls through to the textarea's newline. Not while an IME composes.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <section className="chatbot" aria-label="AI tutor">
      <ol
        ref={listRef}
        className="chatbot__messages"
        aria-label="Conversation"
        data-testid="chatbot-messages"
      >
        {messages.map((m) => (
          <li
            key={m.id}
            className={`chatbot__message chatbot__message--${m.role}`}
            data-testid="chatbot-message"
            data-role={m.role}
            data-status={m.status}
          >
            <span className="chatbot__speaker">{m.role === "user" ? "You" : "Tutor"}</span>
            {m.role === "model" ? (
              <Markdown text={m.content} />
            ) : (
              <p className="chatbot__question">{m.content}</p>
            )}
            {m.status === "stopped" && <span className="chatbot__note">(stopped)</span>}
            {m.status === "incomplete" && <span className="chatbot__note">(incomplete answer)</span>}
          </li>
        ))}
      </ol>

      {/* Always mounted, so assistive technology is watching it before the first chunk arrives. */}
      <div className="chatbot__streaming" aria-live="polite" data-testid="chatbot-streaming">
        {isLoading && streamingResponse === "" && <p className="chatbot__thinking">The tutor is thinking…</p>}
        {isLoading && streamingResponse !== "" && <Markdown text={streamingResponse} />}
      </div>

      {error !== null && (
        <div className="chatbot__error" role="alert" data-testid="chatbot-error">
          <p>{error}</p>
          {failed !== null && (
            <button type="button" onClick={retry} disabled={isLoading} data-testid="chatbot-retry">
              Retry
            </button>
          )}
        </div>
      )}

      <form className="chatbot__form" onSubmit={onSubmit}>
        <label htmlFor={inputId}>Ask the tutor</label>
        <textarea
          id={inputId}
          value={userInput}
          onChange={(event) => setUserInput(event.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          placeholder="Ask for a hint… (Enter to send, Shift+Enter for a new line)"
          data-testid="chatbot-input"
        />
        <div className="chatbot__actions">
          {isLoading ? (
            <button type="button" onClick={() => abortRef.current?.abort()} data-testid="chatbot-stop">
              Stop
            </button>
          ) : (
            <button type="submit" disabled={userInput.trim() === ""} data-testid="chatbot-send">
              Send
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
