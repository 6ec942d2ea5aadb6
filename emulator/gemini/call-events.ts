/**
 * The stub's journal, told on the stack's event bus as `model-call:started` and `model-call:ended`: what
 * a listener needs of a call, in the bus's own shape (the journal's entry stays the stub's). The
 * prompt's text is gathered, and its tokens estimated, only while someone listens.
 */
import type { StackEventEmitter } from "../common/stack-events.js";
import type { JournalEntry } from "./journal.js";
import { estimateTokens } from "./response-frames.js";

/** Every text a request's contents or system instruction holds (strings, `text` fields, nested parts). */
function textOf(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) textOf(item, out);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.text === "string") out.push(record.text);
    if (record.parts) textOf(record.parts, out);
  }
}

/**
 * The journal's change observer that tells the bus.
 *
 * @example
 * new RequestJournal(1000, callEvents(events));
 */
export function callEvents(
  events: StackEventEmitter,
): (entry: JournalEntry, change: "added" | "updated") => void {
  return (entry, change) => {
    if (change === "added") {
      if (!events.listens("model-call:started")) return;
      const parts: string[] = [];
      textOf(entry.contents, parts);
      textOf(entry.systemInstruction, parts);
      const promptText = parts.join("\n");
      events.emit("model-call:started", {
        journalId: entry.id,
        model: entry.model,
        method: entry.method,
        promptTurns: Array.isArray(entry.contents) ? entry.contents.length : 0,
        promptText,
        promptTokens: estimateTokens(promptText),
      });
      return;
    }
    events.emit("model-call:ended", {
      journalId: entry.id,
      status: entry.status,
      aborted: entry.aborted,
      completed: entry.completed,
      scenario: entry.scenario,
    });
  };
}
