/**
 * A bounded in-memory recorder of recent chats and their hops. Writers push small records (a hop is
 * created once and finished once; nothing is serialised on the request path); readers get a JSON view.
 *
 * Bounds: at most `maxChats` chats (the oldest is forgotten first), `maxHopsPerChat` hops per chat,
 * `maxLogLines` handler log lines per invocation, each cut at `maxLineLength` characters.
 *
 * @example
 * const recorder = new InspectorRecorder();
 * const hop = recorder.hop("cf-id", "viewer-request", "cloudfront", { method: "POST" });
 * recorder.finish(hop, { outcome: "ok", status: 200 });
 * recorder.list(); // [{ id: "cf-id", hops: [{ name: "viewer-request", ... }] }]
 */
import { performance } from "node:perf_hooks";
import { InvocationTracker } from "./invocation-tracker.js";
import type {
  ChatRecord,
  ChatView,
  HopDetail,
  HopName,
  HopOutcome,
  HopRecord,
  HopService,
  HopView,
} from "./types.js";

export interface RecorderLimits {
  maxChats: number;
  maxHopsPerChat: number;
  maxLogLines: number;
  maxLineLength: number;
}

export const DEFAULT_LIMITS: RecorderLimits = {
  maxChats: 100,
  maxHopsPerChat: 16,
  maxLogLines: 50,
  maxLineLength: 500,
};

/** Epoch milliseconds with sub-millisecond precision (monotonic within the process). */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class InspectorRecorder {
  readonly limits: RecorderLimits;
  /** Active invocations per container: ties handler log lines and model calls to a chat. */
  readonly invocations: InvocationTracker;
  // A Map keeps insertion order: the first key is the oldest chat.
  private readonly chats = new Map<string, ChatRecord>();

  constructor(limits: Partial<RecorderLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.invocations = new InvocationTracker(this);
  }

  has(chatId: string): boolean {
    return this.chats.has(chatId);
  }

  /** Starts a hop of a chat (the chat is created on its first hop); undefined when the chat is full. */
  hop(chatId: string, name: HopName, service: HopService, detail: HopDetail = {}): HopRecord | undefined {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { id: chatId, startedAt: nowMs(), hops: [], dropped: 0 };
      this.chats.set(chatId, chat);
      if (this.chats.size > this.limits.maxChats) {
        const oldest = this.chats.keys().next().value as string;
        this.chats.delete(oldest);
      }
    }
    if (chat.hops.length >= this.limits.maxHopsPerChat) {
      chat.dropped++;
      return undefined;
    }
    const hop: HopRecord = {
      name,
      service,
      startedAt: nowMs(),
      endedAt: null,
      outcome: "pending",
      status: null,
      reason: null,
      detail,
    };
    chat.hops.push(hop);
    return hop;
  }

  /** Ends a hop; `detail` is merged into what the hop already holds. */
  finish(
    hop: HopRecord | undefined,
    fields: { outcome: HopOutcome; status?: number | null; reason?: string | null; detail?: HopDetail },
  ): void {
    if (!hop || hop.endedAt !== null) return;
    hop.endedAt = nowMs();
    hop.outcome = fields.outcome;
    if (fields.status !== undefined) hop.status = fields.status;
    if (fields.reason !== undefined) hop.reason = fields.reason;
    if (fields.detail) Object.assign(hop.detail, fields.detail);
  }

  /** A log line of the invocation a hop stands for, cut to the line length; later lines are counted only. */
  appendLog(hop: HopRecord, line: string): void {
    hop.logs ??= [];
    if (hop.logs.length >= this.limits.maxLogLines) {
      hop.detail.droppedLogLines = Number(hop.detail.droppedLogLines ?? 0) + 1;
      return;
    }
    hop.logs.push(
      line.length > this.limits.maxLineLength ? `${line.slice(0, this.limits.maxLineLength)}…` : line,
    );
  }

  /** Recent chats, newest first. */
  list(): ChatView[] {
    return [...this.chats.values()].reverse().map(viewOf);
  }

  get(chatId: string): ChatView | undefined {
    const chat = this.chats.get(chatId);
    return chat ? viewOf(chat) : undefined;
  }

  clear(): void {
    this.chats.clear();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function viewOf(chat: ChatRecord): ChatView {
  const hops: HopView[] = chat.hops.map((hop) => ({
    name: hop.name,
    service: hop.service,
    startMs: round(hop.startedAt - chat.startedAt),
    durationMs: hop.endedAt === null ? null : round(hop.endedAt - hop.startedAt),
    outcome: hop.outcome,
    status: hop.status,
    reason: hop.reason,
    detail: structuredClone(hop.detail),
    ...(hop.logs ? { logs: [...hop.logs] } : {}),
  }));
  const first = chat.hops[0];
  // The deepest hop that refused or failed is the cause: a 401 passes back through CloudFront as a
  // plain status, while the handler's hop holds the refusal.
  const refusing = chat.hops.findLast((hop) => hop.outcome === "refused" || hop.outcome === "failed");
  return {
    id: chat.id,
    startedAt: new Date(chat.startedAt).toISOString(),
    durationMs: first?.endedAt == null ? null : round(first.endedAt - chat.startedAt),
    status: first?.status ?? null,
    refusal: refusing ? { hop: refusing.name, status: refusing.status, reason: refusing.reason } : null,
    dropped: chat.dropped,
    hops,
  };
}
