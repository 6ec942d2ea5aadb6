/**
 * The request inspector: polls the list endpoint it is given (`__PLAYGROUND_CONFIG__.inspectorEndpoint`,
 * on the page's own origin) and draws each recent chat as a waterfall of its hops, with timings and the reason for any refusal.
 */
import { useCallback, useEffect, useState } from "react";
import type { ChatList, ChatView } from "./inspector-types.js";
import { Waterfall } from "./Waterfall.js";

const POLL_MS = 2000;

export function Inspector() {
  const [chats, setChats] = useState<ChatView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await fetch(__PLAYGROUND_CONFIG__.inspectorEndpoint, { cache: "no-store" });
      const body = (await res.json()) as ChatList;
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      setChats(body.chats ?? []);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <div className="page">
      <header className="page__header">
        <h1>Request inspector</h1>
        <div className="page__user">
          <a className="inspector__link" href="/">
            Playground
          </a>
          <button type="button" onClick={() => void load()} data-testid="inspector-refresh">
            Refresh
          </button>
        </div>
      </header>
      <main className="inspector">
        {error && (
          <p className="inspector__error" role="alert">
            {error}
          </p>
        )}
        {chats.length === 0 && !error && (
          <p data-testid="inspector-empty">No chats yet: send one from the playground.</p>
        )}
        {chats.map((chat) => (
          <Waterfall key={chat.id} chat={chat} />
        ))}
      </main>
    </div>
  );
}
