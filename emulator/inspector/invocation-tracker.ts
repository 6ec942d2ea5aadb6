/**
 * Ties what happens inside a container to the chat it is serving. A container runs one invocation at
 * a time, so a line it logs after an invocation started, and before its next one starts, is that
 * invocation's line. (A worker's stdout reaches the emulator after the invocation's end message, so
 * lines are not cut off at END.) Lines arrive with their container's number (the stack's
 * `function:log` event); nothing is read back out of the log's text.
 *
 * The model call: the handler sends Google nothing production would not (no chat id, no header), so
 * the stub's journal entry is matched without it. A model call that arrives while exactly one
 * invocation is active belongs to it ("only-active-invocation"). With several active, the one whose
 * event body's `query` appears in the model request's text is chosen ("query-match"); when none or
 * more than one match, the call is left unattributed and recorded as a chat of its own. Limits: only
 * when the stub runs in the same process as the Function URL (`npm start`, the test stack; not the
 * compose setup with one service per container); a handler that calls the model after its invocation
 * ended (it cannot, in Lambda) would not be matched.
 */
import type { InspectorRecorder } from "./recorder.js";
import { scrubLine } from "./redact.js";
import type { HopRecord } from "./types.js";

interface ActiveInvocation {
  chatId: string;
  hop: HopRecord;
  /** The event body, kept by reference while active; parsed only to break a tie. */
  body: string;
  isBase64Encoded: boolean;
  query?: string | null;
}

export type Attribution = "only-active-invocation" | "query-match" | "none";

const MAX_CONTAINERS_TRACKED = 256;

export class InvocationTracker {
  private readonly active = new Map<number, ActiveInvocation>();
  /** The hop of each container's latest invocation (bounded: containers come and go). */
  private readonly logOwner = new Map<number, HopRecord>();

  constructor(private readonly recorder: InspectorRecorder) {}

  start(containerId: number, chatId: string, hop: HopRecord, body: string, isBase64Encoded: boolean): void {
    this.active.set(containerId, { chatId, hop, body, isBase64Encoded });
    this.logOwner.delete(containerId);
    this.logOwner.set(containerId, hop);
    if (this.logOwner.size > MAX_CONTAINERS_TRACKED) {
      this.logOwner.delete(this.logOwner.keys().next().value as number);
    }
  }

  end(containerId: number): void {
    this.active.delete(containerId);
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Files a line container `containerId` logged under the invocation it is running (or ran last), if any. */
  containerLog(containerId: number, line: string): void {
    const hop = this.logOwner.get(containerId);
    if (hop) this.recorder.appendLog(hop, scrubLine(line));
  }

  /** The chat a model call with this request text belongs to (see the file comment). */
  attribute(requestText: string): { chatId: string; containerId: number; by: Attribution } | undefined {
    if (this.active.size === 0) return undefined;
    if (this.active.size === 1) {
      const [containerId, only] = [...this.active.entries()][0] as [number, ActiveInvocation];
      return { chatId: only.chatId, containerId, by: "only-active-invocation" };
    }
    const matches = [...this.active.entries()].filter(([, invocation]) => {
      const query = queryOf(invocation);
      return query !== null && query !== "" && requestText.includes(query);
    });
    if (matches.length !== 1) return undefined;
    const [containerId, invocation] = matches[0] as [number, ActiveInvocation];
    return { chatId: invocation.chatId, containerId, by: "query-match" };
  }
}

function queryOf(invocation: ActiveInvocation): string | null {
  if (invocation.query !== undefined) return invocation.query;
  try {
    const text = invocation.isBase64Encoded
      ? Buffer.from(invocation.body, "base64").toString()
      : invocation.body;
    const parsed = JSON.parse(text) as { query?: unknown };
    invocation.query = typeof parsed.query === "string" ? parsed.query : null;
  } catch {
    invocation.query = null;
  }
  return invocation.query;
}
