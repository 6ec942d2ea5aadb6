/**
 * Failure and pacing scenarios (pinned names). Chosen with `PUT /_stub/scenario {"name": ..., ...params}`
 * for every following request, or per request with a marker `[[stub:NAME]]` in the last user message;
 * the marker wins. A marker may carry params: `[[stub:slow-first-token ms=500]]`.
 */

import { isRecord } from "../common/is-record.js";
import { FINISH_REASONS } from "./finish-reasons.js";
import { decodeReplayText, parseCuts } from "./replay.js";
import { ScenarioError } from "./scenario-error.js";

export { ScenarioError };

const SCENARIO_NAMES = [
  "rate-limited",
  "server-error",
  "unavailable",
  "slow-first-token",
  "stall-mid-stream",
  "drop-mid-stream",
  "safety-block",
  "prompt-blocked",
  "long-code",
  "long-answer",
  "paced",
  "error-mid-stream",
  "thinking",
  "thinking-cut",
  "thinking-empty",
  "finish-reason",
  "replay",
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioParams {
  /**
   * slow-first-token: delay before the first frame (default 3000). thinking: the same, as a 2.5 model
   * thinking before it answers (default 8000). stall-mid-stream: silence (default 60000).
   */
  ms?: number;
  /** long-answer: number of pieces (default 200). paced: number of pieces (default 10). */
  pieces?: number;
  /** paced: pause between pieces (default: the config's pieceDelayMs). */
  delayMs?: number;
  /** Frames sent before stall-mid-stream (2), drop-mid-stream (3), error-mid-stream (2) or safety-block (0) acts. */
  afterPieces?: number;
  /** Characters per piece, for any streamed scenario (default: the config's pieceSize). */
  pieceSize?: number;
  /** rate-limited: the RetryInfo `retryDelay` (default "7s"). */
  retryDelay?: string;
  /** long-code: lines in the fenced code block (default 40). */
  lines?: number;
  /** error-mid-stream: the HTTP-style code of the error frame (default 503; see STREAM_ERROR_CODES). */
  code?: number;
  /** thinking: `thoughtsTokenCount` reported in `usageMetadata` (default 1024); it counts against the cap. */
  thoughtsTokens?: number;
  /** thinking-cut: answer tokens the thinking leaves under the cap (default 16). */
  leaveTokens?: number;
  /** finish-reason: the `finishReason` the answer ends with, after `afterPieces` (default: all) pieces. */
  reason?: string;
  /** replay: the scripted answer (given base64url-encoded as `text`; see replay.ts). */
  text?: string;
  /** replay: code point offsets to cut the answer at (default: awkward places, see replay.ts). */
  cuts?: number[];
}

/** Codes an error frame may carry, with the status Google pairs with each (google.rpc.Code). */
export const STREAM_ERROR_CODES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export interface Scenario extends ScenarioParams {
  name: ScenarioName;
}

const NUMBER_PARAMS = [
  "ms",
  "pieces",
  "delayMs",
  "afterPieces",
  "pieceSize",
  "lines",
  "code",
  "thoughtsTokens",
  "leaveTokens",
] as const;

/** Upper bounds keep every timer and loop bounded whatever a caller asks for. */
const LIMITS: Record<(typeof NUMBER_PARAMS)[number], number> = {
  ms: 600_000,
  pieces: 10_000,
  delayMs: 60_000,
  afterPieces: 10_000,
  pieceSize: 100_000,
  lines: 5_000,
  code: 599,
  thoughtsTokens: 1_000_000,
  leaveTokens: 1_000_000,
};

function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === "string" && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/**
 * Validates a scenario selection (the PUT body, or a marker's parsed fields). Returns null for a reset
 * (`name` null, absent or "default"). Throws ScenarioError naming the bad field.
 */
export function parseScenario(record: unknown): Scenario | null {
  if (!isRecord(record)) {
    throw new ScenarioError('Expected a JSON object like {"name":"rate-limited"}');
  }
  const { name } = record;
  if (name === null || name === undefined || name === "default") return null;
  if (!isScenarioName(name)) {
    throw new ScenarioError(
      `Unknown scenario: ${JSON.stringify(name)}. Known: default, ${SCENARIO_NAMES.join(", ")}`,
    );
  }
  const scenario: Scenario = { name };
  for (const key of NUMBER_PARAMS) {
    const raw = record[key];
    if (raw === undefined) continue;
    const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > LIMITS[key]) {
      throw new ScenarioError(`Scenario param ${key} must be an integer from 0 to ${LIMITS[key]}`);
    }
    if (key === "pieceSize" && value === 0) throw new ScenarioError("Scenario param pieceSize must be >= 1");
    if (key === "code" && !(value in STREAM_ERROR_CODES)) {
      throw new ScenarioError(
        `Scenario param code must be one of ${Object.keys(STREAM_ERROR_CODES).join(", ")}`,
      );
    }
    scenario[key] = value;
  }
  if (record.retryDelay !== undefined) {
    if (typeof record.retryDelay !== "string" || !/^\d+(\.\d+)?s$/.test(record.retryDelay)) {
      throw new ScenarioError('Scenario param retryDelay must be a duration like "7s"');
    }
    scenario.retryDelay = record.retryDelay;
  }
  if (name === "finish-reason") {
    if (typeof record.reason !== "string" || !FINISH_REASONS.includes(record.reason)) {
      throw new ScenarioError(`Scenario param reason must be one of ${FINISH_REASONS.join(", ")}`);
    }
    scenario.reason = record.reason;
  }
  if (name === "replay") {
    scenario.text = decodeReplayText(record.text);
    if (record.cuts !== undefined) scenario.cuts = parseCuts(record.cuts);
  }
  return scenario;
}

const MARKER = /\[\[stub:([a-z-]+)((?:\s+[A-Za-z]+=[^\s\]]+)*)\s*\]\]/;
const MARKER_GLOBAL = new RegExp(MARKER.source, "g");

export interface MarkerResult {
  /** True when the text held a marker (even `[[stub:default]]`). */
  found: boolean;
  scenario: Scenario | null;
}

/** Finds the first `[[stub:NAME key=value ...]]` marker in a message. Throws ScenarioError if invalid. */
export function findMarker(text: string): MarkerResult {
  const match = MARKER.exec(text);
  if (!match) return { found: false, scenario: null };
  const fields: Record<string, string> = { name: match[1] ?? "" };
  for (const pair of (match[2] ?? "").trim().split(/\s+/)) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { found: true, scenario: parseScenario(fields) };
}

/** The message without any scenario marker, so replies never quote one back. */
export function stripMarkers(text: string): string {
  return text
    .replace(MARKER_GLOBAL, " ")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
