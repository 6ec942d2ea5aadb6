/** One chat as a waterfall: a row per hop, its bar placed by start offset and sized by duration. */
import type { ChatView, HopView } from "./inspector-types.js";

function span(chat: ChatView): number {
  let end = 1;
  for (const hop of chat.hops) end = Math.max(end, hop.startMs + (hop.durationMs ?? 0));
  return end;
}

function ms(value: number | null): string {
  return value === null ? "running" : `${value.toFixed(1)} ms`;
}

function HopRow({ hop, total }: { hop: HopView; total: number }) {
  const left = (hop.startMs / total) * 100;
  const width = Math.max(((hop.durationMs ?? total - hop.startMs) / total) * 100, 0.5);
  return (
    <li
      className={`hop hop--${hop.outcome}`}
      data-testid="inspector-hop"
      data-hop={hop.name}
      data-outcome={hop.outcome}
    >
      <span className="hop__name">{hop.name}</span>
      <span className="hop__track">
        <span className="hop__bar" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
      </span>
      <span className="hop__time">
        +{hop.startMs.toFixed(1)} · {ms(hop.durationMs)}
      </span>
      <span className="hop__status">{hop.status ?? ""}</span>
      {hop.reason && <span className="hop__reason">{hop.reason}</span>}
      <details className="hop__detail">
        <summary>detail</summary>
        <pre>{JSON.stringify(hop.detail, null, 2)}</pre>
        {hop.logs && hop.logs.length > 0 && <pre data-testid="inspector-logs">{hop.logs.join("\n")}</pre>}
      </details>
    </li>
  );
}

export function Waterfall({ chat }: { chat: ChatView }) {
  const total = span(chat);
  return (
    <section
      className="chat"
      data-testid="inspector-chat"
      data-chat-id={chat.id}
      aria-label={`Chat ${chat.id}`}
    >
      <header className="chat__header">
        <strong>
          {String(chat.hops[0]?.detail.method ?? "")} {String(chat.hops[0]?.detail.path ?? "")}
        </strong>
        <code className="chat__id">{chat.id}</code>
        <span>{new Date(chat.startedAt).toLocaleTimeString()}</span>
        <span data-testid="inspector-status">{chat.status ?? "…"}</span>
        <span>{ms(chat.durationMs)}</span>
        {chat.refusal && (
          <span className="chat__refusal" data-testid="inspector-refusal">
            refused at {chat.refusal.hop} ({chat.refusal.status ?? "-"}): {chat.refusal.reason}
          </span>
        )}
      </header>
      <ol className="chat__hops">
        {chat.hops.map((hop, index) => (
          // Hops have no id of their own; their order within a chat never changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: stable order
          <HopRow key={`${hop.name}-${index}`} hop={hop} total={total} />
        ))}
      </ol>
      {chat.dropped > 0 && <p className="chat__dropped">{chat.dropped} hops not kept (size bound)</p>}
    </section>
  );
}
