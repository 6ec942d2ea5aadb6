/**
 * The AI tutor panel for the solve page. Sends the problem, the user's code, the conversation so
 * far and the new question; shows the answer as it streams; Stop aborts it. The conversation and its
 * requests live in `use-chat-session.ts` (steps in `chat-session.ts`); this file draws them.
 *
 * @example
 * <Chatbot problemDetails={{ title: "Two Sum", description: "..." }} userCode={code} />
 */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef } from "react";
import type { StreamChat } from "../lib/chat-types.js";
import { streamChat } from "../lib/chatbotApi.js";
import type { DisplayMessage } from "./chat-session.js";
import { Markdown } from "./Markdown.js";
import { type ChatSessionOptions, useChatSession } from "./use-chat-session.js";

export type { DisplayMessage } from "./chat-session.js";

/** The session's options (problem, code, endpoint, auth), with the client optional. */
export interface ChatbotProps extends Omit<ChatSessionOptions, "client"> {
  /** The client; defaults to `streamChat` (Amplify session, `NEXT_PUBLIC_CHATBOT_API_ENDPOINT`). */
  client?: StreamChat;
}

export function Chatbot({ client = streamChat, ...props }: ChatbotProps) {
  const chat = useChatSession({ ...props, client });
  const inputId = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    chat.send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter falls through to the textarea's newline. Not while an IME composes.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      chat.send();
    }
  }

  return (
    <section className="chatbot" aria-label="AI tutor">
      <Conversation messages={chat.messages} />

      {/* Always mounted, so assistive technology is watching it before the first chunk arrives. */}
      <div className="chatbot__streaming" aria-live="polite" data-testid="chatbot-streaming">
        {chat.isLoading && chat.streamingResponse === "" && (
          <p className="chatbot__thinking">The tutor is thinking…</p>
        )}
        {chat.isLoading && chat.streamingResponse !== "" && <Markdown text={chat.streamingResponse} />}
      </div>

      {chat.error !== null && (
        <div className="chatbot__error" role="alert" data-testid="chatbot-error">
          <p>{chat.error}</p>
          {chat.failed !== null && (
            <button type="button" onClick={chat.retry} disabled={chat.isLoading} data-testid="chatbot-retry">
              Retry
            </button>
          )}
        </div>
      )}

      <form className="chatbot__form" onSubmit={onSubmit}>
        <label htmlFor={inputId}>Ask the tutor</label>
        <textarea
          id={inputId}
          value={chat.input}
          onChange={(event) => chat.setInput(event.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          placeholder="Ask for a hint… (Enter to send, Shift+Enter for a new line)"
          data-testid="chatbot-input"
        />
        <div className="chatbot__actions">
          {chat.isLoading ? (
            <button type="button" onClick={chat.stop} data-testid="chatbot-stop">
              Stop
            </button>
          ) : (
            <button type="submit" disabled={chat.input.trim() === ""} data-testid="chatbot-send">
              Send
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The questions and answers so far, in a box of its own that keeps the newest one in view. */
function Conversation({ messages }: { messages: DisplayMessage[] }) {
  const listRef = useRef<HTMLOListElement | null>(null);

  // The conversation scrolls inside its own box: bring the newest message into view when one is
  // added, or it ends up below the fold (seen in the browser test's screenshots).
  useEffect(() => {
    const list = listRef.current;
    if (list !== null && messages.length > 0) list.scrollTop = list.scrollHeight;
  }, [messages]);

  return (
    <ol ref={listRef} className="chatbot__messages" aria-label="Conversation" data-testid="chatbot-messages">
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
  );
}
