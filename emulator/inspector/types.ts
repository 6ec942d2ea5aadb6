/**
 * The request inspector's records: one chat (keyed by CloudFront's `X-Amz-Cf-Id`, or the Function
 * URL's request id for a direct call) and the hops it went through, in the order they started.
 */

import type { HopName } from "../common/stack-events.js";

/** The hops of a chat, in the order a request meets them: the steps the stack's events name. */
export type { HopName };

export type HopService = "cloudfront" | "function-url" | "lambda" | "gemini-stub";

/** `pending` until the hop ends; `refused` when it turned the request away; `failed` on an error. */
export type HopOutcome = "pending" | "ok" | "refused" | "failed";

/** Plain values only: the detail is serialised as it is on `GET /__emulator/requests`. */
export type HopDetail = Record<string, string | number | boolean | null | string[] | Record<string, string>>;

/** A hop as held in memory (epoch milliseconds; offsets are computed when it is read). */
export interface HopRecord {
  name: HopName;
  service: HopService;
  startedAt: number;
  endedAt: number | null;
  outcome: HopOutcome;
  status: number | null;
  reason: string | null;
  detail: HopDetail;
  /** The handler's own log lines (invocation hop only), bounded. */
  logs?: string[];
}

export interface ChatRecord {
  id: string;
  startedAt: number;
  hops: HopRecord[];
  /** Hops or log lines dropped because the chat reached its size bound. */
  dropped: number;
}

/** One hop on the wire: times relative to the chat's start. */
export interface HopView {
  name: HopName;
  service: HopService;
  startMs: number;
  durationMs: number | null;
  outcome: HopOutcome;
  status: number | null;
  reason: string | null;
  detail: HopDetail;
  logs?: string[];
}

/** One chat on the wire (`GET /__emulator/requests`). */
export interface ChatView {
  id: string;
  startedAt: string;
  durationMs: number | null;
  /** The status the first hop (the viewer, or the direct caller) got; null while running. */
  status: number | null;
  /** The first hop that refused or failed the request, with its reason. */
  refusal: { hop: HopName; status: number | null; reason: string | null } | null;
  dropped: number;
  hops: HopView[];
}
