/**
 * The `replay` scenario: the stub answers with a scripted text, cut into pieces where a streaming
 * filter is most likely to go wrong. Emulator only (Google has no such mode): it drives the handler's
 * spoiler guard through the real SDK stream with answers no model can be made to give on demand.
 *
 * The text travels base64url-encoded, so it fits a `[[stub:replay text=...]]` marker in the query:
 * @example [[stub:replay text=SGVsbG8KYGBganMKeCgpOwpgYGAK delayMs=0]]
 * @example PUT /_stub/scenario {"name":"replay","text":"SGVsbG8K","cuts":"1,4"}
 */
import { ScenarioError } from "./scenario-error.js";

/** Largest decoded text, in bytes (a query holds 4000 characters; PUT bodies may carry more). */
const MAX_REPLAY_BYTES = 64 * 1024;

/** Decodes the `text` param (base64url, UTF-8). Throws ScenarioError naming the param. */
export function decodeReplayText(raw: unknown): string {
  if (typeof raw !== "string" || !/^[A-Za-z0-9_-]*={0,2}$/.test(raw)) {
    throw new ScenarioError("Scenario param text must be base64url (A-Z, a-z, 0-9, -, _)");
  }
  const bytes = Buffer.from(raw, "base64url");
  if (bytes.length > MAX_REPLAY_BYTES) {
    throw new ScenarioError(`Scenario param text must decode to at most ${MAX_REPLAY_BYTES} bytes`);
  }
  const text = bytes.toString("utf8");
  if (text.includes("\uFFFD")) throw new ScenarioError("Scenario param text is not UTF-8");
  return text;
}

/** Parses the `cuts` param: code point offsets, comma-separated ("3,17,40"). */
export function parseCuts(raw: unknown): number[] {
  if (typeof raw !== "string" || !/^\d{1,6}(,\d{1,6}){0,9999}$/.test(raw)) {
    throw new ScenarioError('Scenario param cuts must be offsets like "3,17,40"');
  }
  return raw.split(",").map(Number);
}

/**
 * Where to cut when no `cuts` are given: inside every run of two or more backticks or tildes (a fence
 * arrives in two halves), in the middle of every line, and just before every line end (between `\r`
 * and `\n` in CRLF text). Offsets count code points.
 */
export function awkwardCuts(text: string): number[] {
  const chars = Array.from(text);
  const cuts = new Set<number>();
  let lineStart = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if ((c === "`" || c === "~") && chars[i + 1] === c && chars[i - 1] !== c) cuts.add(i + 1);
    if (c === "\n") {
      cuts.add(i);
      cuts.add(Math.floor((lineStart + i) / 2));
      lineStart = i + 1;
    }
  }
  cuts.add(Math.floor((lineStart + chars.length) / 2));
  return [...cuts].filter((cut) => cut > 0 && cut < chars.length).sort((a, b) => a - b);
}

/** Cuts `text` at the given code point offsets (never inside a surrogate pair); no empty pieces. */
export function cutText(text: string, cuts: readonly number[]): string[] {
  const chars = Array.from(text);
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < chars.length).sort((a, b) => a - b);
  const pieces = [0, ...points].map((start, i) => chars.slice(start, points[i] ?? chars.length).join(""));
  return pieces.length > 0 ? pieces : [""];
}
