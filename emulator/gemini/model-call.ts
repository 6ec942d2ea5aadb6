/**
 * Answers one model call (`:streamGenerateContent`, `:generateContent`, `:countTokens`) once the key,
 * model and body have been checked: picks the reply, applies the scenario, and writes the wire form.
 */

import type { Response } from "express";
import type { GeminiStubConfig } from "../config/types.js";
import { sleep } from "./abortable-sleep.js";
import { type GoogleError, internalError, rateLimited, unavailable } from "./google-errors.js";
import { awkwardCuts, cutText } from "./replay.js";
import {
  capReply,
  type FrameContext,
  type GenerateContentResponse,
  JSON_ARRAY_END,
  jsonArrayPart,
  promptBlocked,
  safetyChunk,
  splitIntoCount,
  splitPieces,
  sseFrame,
  textChunk,
  wholeResponse,
} from "./response-frames.js";
import { type Scenario, STREAM_ERROR_CODES } from "./scenarios.js";
import { longAnswerReply, longCodeReply, scriptedReply, tutorReply } from "./tutor-reply.js";

export type CallKind = "stream-sse" | "stream-json" | "generate";

export interface ModelCall {
  kind: CallKind;
  config: GeminiStubConfig;
  scenario: Scenario | null;
  /** Last user message, markers already removed. */
  message: string;
  frame: FrameContext;
  res: Response;
  /** Aborts when the caller goes away or the server closes. */
  signal: AbortSignal;
  /** Called just before the stub cuts the connection itself (drop-mid-stream). */
  onDrop: () => void;
}

/** Default delays of the timing scenarios (pinned in the task: 3000 ms and 60000 ms). */
const DEFAULTS = {
  slowFirstTokenMs: 3000,
  stallMs: 60_000,
  stallAfterPieces: 2,
  dropAfterPieces: 3,
  safetyAfterPieces: 0,
  longAnswerPieces: 200,
  pacedPieces: 10,
  longCodeLines: 40,
  retryDelay: "7s",
  thinkingMs: 8000,
  errorAfterPieces: 2,
  errorCode: 503,
} as const;

export function sendGoogleError(res: Response, error: GoogleError): void {
  res
    .status(error.httpStatus)
    .type("application/json; charset=UTF-8")
    .send(JSON.stringify(error.body, null, 2));
}

function errorOf(scenario: Scenario | null): GoogleError | undefined {
  switch (scenario?.name) {
    case "rate-limited":
      return rateLimited(scenario.retryDelay ?? DEFAULTS.retryDelay);
    case "server-error":
      return internalError();
    case "unavailable":
      return unavailable();
    default:
      return undefined;
  }
}

/** The reply text a call would produce, scenario applied (for content-producing scenarios). */
function replyText(config: GeminiStubConfig, scenario: Scenario | null, message: string): string {
  const pieceSize = scenario?.pieceSize ?? config.pieceSize;
  if (scenario?.name === "replay") return scenario.text ?? "";
  if (scenario?.name === "long-code") return longCodeReply(message, scenario.lines ?? DEFAULTS.longCodeLines);
  if (scenario?.name === "long-answer") {
    return longAnswerReply(scenario.pieces ?? DEFAULTS.longAnswerPieces, pieceSize);
  }
  return scriptedReply(message, config.scripted) ?? tutorReply(message);
}

function piecesOf(config: GeminiStubConfig, scenario: Scenario | null, text: string): string[] {
  if (scenario?.name === "paced") return splitIntoCount(text, scenario.pieces ?? DEFAULTS.pacedPieces);
  if (scenario?.name === "replay") return cutText(text, scenario.cuts ?? awkwardCuts(text));
  return splitPieces(text, scenario?.pieceSize ?? config.pieceSize);
}

/**
 * The answer as the model ends it: capped by what its thinking left under `maxOutputTokens`
 * (thinking.ts), and under the finish-reason scenario stopped after `afterPieces` pieces with that reason.
 */
function endedReply(call: ModelCall): { text: string; finishReason: string; pieces: string[] } {
  const { config, scenario, message, frame } = call;
  const capped = capReply(replyText(config, scenario, message), frame.answerTokens);
  const pieces = piecesOf(config, scenario, capped.text);
  if (scenario?.name !== "finish-reason") return { ...capped, pieces };
  const kept = pieces.slice(0, Math.max(1, scenario.afterPieces ?? pieces.length));
  return { text: kept.join(""), finishReason: scenario.reason ?? "STOP", pieces: kept };
}

/** Writes and waits for `drain` when the socket buffer is full, so a slow reader slows the stub. */
async function write(
  res: Response,
  chunk: string,
  signal: AbortSignal,
  onFlushed: () => void = () => {},
): Promise<boolean> {
  if (signal.aborted || res.destroyed) return false;
  if (res.write(chunk, () => onFlushed())) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      res.off("drain", onDrain);
      signal.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onDrain = (): void => done(true);
    const onAbort = (): void => done(false);
    res.once("drain", onDrain);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs a call to its end. Resolves when the response is finished, dropped or abandoned. */
export async function runModelCall(call: ModelCall): Promise<void> {
  const { kind, scenario, res, signal } = call;
  const error = errorOf(scenario);
  if (error) {
    sendGoogleError(res, error);
    return;
  }

  const initialDelay =
    scenario?.name === "slow-first-token"
      ? (scenario.ms ?? DEFAULTS.slowFirstTokenMs)
      : scenario?.name === "thinking"
        ? (scenario.ms ?? DEFAULTS.thinkingMs)
        : 0;
  // Assumption: Google holds the response headers until the first chunk is ready, so a slow first
  // token delays the headers too.
  if (!(await sleep(initialDelay, signal))) return;

  if (kind === "generate") {
    // A unary call has no stream to break: the error comes as the HTTP answer.
    if (scenario?.name === "error-mid-stream") sendGoogleError(res, streamError(scenario));
    else await runGenerate(call);
    return;
  }

  await runStream(call);
}

/** The frames of a streamed answer, SSE or a JSON array, each written as the socket takes it. */
function streamWriter(res: Response, sse: boolean, signal: AbortSignal) {
  let first = true;
  // Resolves once the last frame reached the kernel, so a deliberate cut never swallows it.
  let flushed: Promise<void> = Promise.resolve();
  return {
    flushed: () => flushed,
    send: async (response: GenerateContentResponse): Promise<boolean> => {
      if (first) {
        res.status(200);
        res.setHeader("content-type", sse ? "text/event-stream" : "application/json; charset=UTF-8");
        res.setHeader("vary", "Origin, X-Origin, Referer");
        res.setHeader("x-content-type-options", "nosniff");
      }
      const chunk = sse ? sseFrame(response) : jsonArrayPart(response, first);
      first = false;
      let markFlushed = (): void => {};
      flushed = new Promise((resolve) => {
        markFlushed = resolve;
      });
      return write(res, chunk, signal, markFlushed);
    },
    finish: (): void => {
      if (!sse) res.write(JSON_ARRAY_END);
      res.end();
    },
  };
}

/** A streamed call (`:streamGenerateContent`) after the initial delay: the pieces, scenario applied. */
async function runStream(call: ModelCall): Promise<void> {
  const { kind, config, scenario, frame, res, signal } = call;
  const { send, finish, flushed } = streamWriter(res, kind === "stream-sse", signal);
  if (scenario?.name === "prompt-blocked") {
    if (await send(promptBlocked(frame))) finish();
    return;
  }

  const { text, finishReason, pieces } = endedReply(call);
  const delayMs =
    scenario?.name === "paced" || scenario?.name === "replay"
      ? (scenario.delayMs ?? config.pieceDelayMs)
      : config.pieceDelayMs;
  // Where the scenario acts: after this many frames (clamped so the full answer is never sent first).
  const actAfter = (fallback: number): number =>
    Math.min(scenario?.afterPieces ?? fallback, pieces.length - 1);
  const stallAt = scenario?.name === "stall-mid-stream" ? actAfter(DEFAULTS.stallAfterPieces) : -1;
  const dropAt = scenario?.name === "drop-mid-stream" ? actAfter(DEFAULTS.dropAfterPieces) : -1;
  const safetyAt = scenario?.name === "safety-block" ? actAfter(DEFAULTS.safetyAfterPieces) : -1;
  const errorAt = scenario?.name === "error-mid-stream" ? actAfter(DEFAULTS.errorAfterPieces) : -1;

  let sent = "";
  for (let i = 0; i < pieces.length; i++) {
    if (i === dropAt) {
      // Cut where the next frame would have come: after the usual pause, once the last frame is out.
      await Promise.race([flushed(), sleep(1000, signal)]); // bounded: a dead socket may never call back
      if (i > 0 && !(await sleep(delayMs, signal))) return;
      call.onDrop();
      res.destroy();
      return;
    }
    if (i === safetyAt) {
      if (await send(safetyChunk(frame, sent))) finish();
      return;
    }
    if (i === errorAt) {
      // The error arrives as one more frame, after the usual pause, and the stream ends.
      if (i > 0 && !(await sleep(delayMs, signal))) return;
      if (await send({ ...streamError(scenario).body })) finish();
      return;
    }
    if (i === stallAt && !(await sleep(scenario?.ms ?? DEFAULTS.stallMs, signal))) return;
    if (i > 0 && i !== stallAt && !(await sleep(delayMs, signal))) return;
    const piece = pieces[i] ?? "";
    sent += piece;
    const last = i === pieces.length - 1;
    if (!(await send(textChunk(frame, piece, last ? text : undefined, finishReason)))) return;
  }
  finish();
}

/**
 * The error frame of error-mid-stream: `data: {"error":{"code","message","status"}}` inside a 200 stream
 * (docs/platform-facts.md#gemini-errors; `@google/genai` raises it as ApiError with that
 * code in `throwIfStreamErrorChunk`). Status texts per google.rpc.Code.
 */
export function streamError(scenario: Scenario | null): GoogleError {
  const code = scenario?.code ?? DEFAULTS.errorCode;
  const status = STREAM_ERROR_CODES[code] ?? "UNAVAILABLE";
  const message =
    code === 503
      ? "The model is overloaded. Please try again later."
      : code === 429
        ? "Resource has been exhausted (e.g. check quota)."
        : "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";
  return { httpStatus: code, body: { error: { code, message, status } } };
}

async function runGenerate(call: ModelCall): Promise<void> {
  const { config, scenario, message, frame, res, signal } = call;
  const json = (body: GenerateContentResponse): void => {
    res
      .status(200)
      .type("application/json; charset=UTF-8")
      .send(JSON.stringify(body, null, 2));
  };
  switch (scenario?.name) {
    case "prompt-blocked":
      json(promptBlocked(frame));
      return;
    case "safety-block":
      json(safetyChunk(frame, ""));
      return;
    case "drop-mid-stream":
      call.onDrop();
      res.destroy();
      return;
    case "stall-mid-stream":
      if (!(await sleep(scenario.ms ?? DEFAULTS.stallMs, signal))) return;
      break;
    default:
      break;
  }
  if (scenario?.name === "finish-reason") {
    const { text, finishReason } = endedReply(call);
    json(textChunk(frame, text, text, finishReason));
    return;
  }
  json(wholeResponse(frame, replyText(config, scenario, message)));
}
