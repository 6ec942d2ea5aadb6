/**
 * The request journal behind `GET /_stub/requests` (pinned): every model call, oldest first, with the
 * API key and any authorization redacted. Bounded so a long load test cannot grow it without limit.
 */

export type JournalMethod = "stream" | "generate" | "countTokens" | "other";

export interface JournalEntry {
  id: string;
  /** ISO 8601 time the request arrived. */
  time: string;
  model: string;
  method: JournalMethod;
  /** `sse` or `json` for streams (the `alt` query parameter), null otherwise. */
  alt: "sse" | "json" | null;
  path: string;
  contents: unknown;
  systemInstruction: unknown;
  generationConfig: unknown;
  safetySettings: unknown;
  /** Request headers, lower-case names; `x-goog-api-key` and `authorization` are "[REDACTED]". */
  headers: Record<string, string>;
  /** Whether a key arrived in the `key` query parameter (its value is never kept). */
  keyInQuery: boolean;
  /** The scenario applied, or null for the default reply. */
  scenario: string | null;
  /** HTTP status sent, null until headers went out. */
  status: number | null;
  /** True when the caller closed the connection before the stub finished. */
  aborted: boolean;
  /** True when the stub sent its whole answer. */
  completed: boolean;
}

export const REDACTED = "[REDACTED]";
const SECRET_HEADERS = new Set(["x-goog-api-key", "authorization", "proxy-authorization"]);

export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADERS.has(lower) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export class RequestJournal {
  private entries: JournalEntry[] = [];
  private nextId = 1;
  private waiters = new Set<() => void>();

  /**
   * @param onChange told of every entry added or updated (the stack's `model-call:*` events,
   *   call-events.ts); called synchronously, so it must stay cheap.
   */
  constructor(
    private readonly limit = 1000,
    private readonly onChange?: (entry: JournalEntry, change: "added" | "updated") => void,
  ) {}

  add(fields: Omit<JournalEntry, "id" | "time" | "status" | "aborted" | "completed">): JournalEntry {
    const entry: JournalEntry = {
      id: `req-${this.nextId++}`,
      time: new Date().toISOString(),
      ...fields,
      status: null,
      aborted: false,
      completed: false,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.onChange?.(entry, "added");
    this.notify();
    return entry;
  }

  /** Changes an entry in place (status, aborted, completed) and wakes anyone waiting. */
  update(entry: JournalEntry, fields: Partial<Pick<JournalEntry, "status" | "aborted" | "completed">>): void {
    Object.assign(entry, fields);
    this.onChange?.(entry, "updated");
    this.notify();
  }

  /** A copy of the entries, oldest first. */
  list(): JournalEntry[] {
    return this.entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Resolves with the first entry matching `predicate` once one exists; rejects after `timeoutMs`.
   * Useful because `aborted` is only known after the socket closes.
   */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs = 5000): Promise<JournalEntry> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.entries.find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(structuredClone(found));
        return true;
      };
      const waiter = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No journal entry matched within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
