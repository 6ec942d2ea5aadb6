/**
 * The model-call hop, from the Gemini stub's journal: model, method, scenario, duration, status,
 * aborted or not, and the prompt's size. Never the key (the journal redacts it already) and never
 * the prompt's text: only the number of turns, its characters and the stub's own token estimate
 * (the figure it reports as `promptTokenCount`).
 */
import type { JournalEntry } from "../gemini/journal.js";
import { estimateTokens } from "../gemini/response-frames.js";
import type { InspectorRecorder } from "./recorder.js";
import type { HopRecord } from "./types.js";

export type JournalChange = "added" | "updated";

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
 * A journal observer that records each model call as a hop of the chat whose invocation made it.
 *
 * @example
 * createGeminiServer({ config, onJournalChange: modelCallObserver(recorder) });
 */
export function modelCallObserver(
  recorder: InspectorRecorder,
): (entry: JournalEntry, change: JournalChange) => void {
  // Only calls still in flight are held here; a finished call drops out.
  const open = new Map<string, HopRecord>();
  return (entry, change) => {
    if (change === "added") {
      const parts: string[] = [];
      textOf(entry.contents, parts);
      textOf(entry.systemInstruction, parts);
      const text = parts.join("\n");
      const owner = recorder.invocations.attribute(text);
      const hop = recorder.hop(owner?.chatId ?? `model-${entry.id}`, "model-call", "gemini-stub", {
        journalId: entry.id,
        model: entry.model,
        method: entry.method,
        attributedBy: owner?.by ?? "none",
        container: owner ? owner.containerId : null,
        promptTurns: Array.isArray(entry.contents) ? entry.contents.length : 0,
        promptChars: text.length,
        promptTokens: estimateTokens(text),
      });
      if (hop) open.set(entry.id, hop);
      return;
    }
    const hop = open.get(entry.id);
    if (!hop) return;
    open.delete(entry.id);
    const status = entry.status;
    const failed = entry.aborted || !entry.completed || (status !== null && status >= 400);
    recorder.finish(hop, {
      outcome: failed ? "failed" : "ok",
      status,
      reason: entry.aborted
        ? "aborted by the caller"
        : status !== null && status >= 400
          ? `model answered ${status}`
          : !entry.completed
            ? "stream cut by the model"
            : null,
      detail: { scenario: entry.scenario, aborted: entry.aborted, completed: entry.completed },
    });
  };
}
